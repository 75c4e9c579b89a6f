package nl.regiopool.geo;

import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** SQL of the geocoder cache. The table is shared reference data: no tenant, no row-level security. */
final class PostcodeLocationDao {

    private PostcodeLocationDao() {
    }

    /** Stores the answers (null coordinates: the geocoder knows no such postcode), replacing older ones. */
    static void store(Handle handle, Map<String, Coordinates> answers) {
        PreparedBatch batch = handle.prepareBatch("""
                INSERT INTO postcode_location (postcode, latitude, longitude) VALUES (:postcode, :latitude, :longitude)
                ON CONFLICT (postcode) DO UPDATE
                SET latitude = excluded.latitude, longitude = excluded.longitude, fetched_at = now()""");
        answers.forEach((postcode, coordinates) -> batch.bind("postcode", postcode)
                .bind("latitude", coordinates == null ? null : coordinates.latitude())
                .bind("longitude", coordinates == null ? null : coordinates.longitude())
                .add());
        batch.execute();
    }
}
