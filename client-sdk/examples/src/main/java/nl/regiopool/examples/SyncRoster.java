package nl.regiopool.examples;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import nl.regiopool.client.ApiClient;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.api.PlacementsApi;
import nl.regiopool.client.model.HomeShiftInput;
import nl.regiopool.client.model.HomeShiftsReplace;
import nl.regiopool.client.model.HomeShiftsResult;
import nl.regiopool.client.sdk.ETagUpdates;

/**
 * A rostering system pushes a worker's home shifts for a window: the roster replaces what Regiopool had for that
 * window, and the answer lists the working-time violations that lending adds. ETagUpdates reads the schedule's
 * ETag and starts over if the roster changed in between.
 */
public final class SyncRoster {

    private SyncRoster() {
    }

    public static HomeShiftsResult sync(ApiClient client, UUID workerId, OffsetDateTime from, OffsetDateTime to,
                                        List<HomeShiftInput> roster) throws ApiException {
        PlacementsApi placements = new PlacementsApi(client);
        return ETagUpdates.update(() -> placements.getWorkerScheduleWithHttpInfo(workerId, from, to),
                (schedule, etag) -> placements.replaceHomeShifts(workerId, from, to, etag,
                        new HomeShiftsReplace().shifts(roster)));
    }
}
