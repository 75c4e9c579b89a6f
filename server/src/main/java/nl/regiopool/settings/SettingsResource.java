package nl.regiopool.settings;

import jakarta.ws.rs.core.Response;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import nl.regiopool.api.SettingsApi;
import nl.regiopool.api.model.CooperativeSettings;
import nl.regiopool.api.model.CooperativeSettingsPatch;
import nl.regiopool.api.model.FieldError;
import nl.regiopool.auth.Caller;
import nl.regiopool.auth.CurrentCaller;
import nl.regiopool.http.ETags;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.http.Writes;
import nl.regiopool.tenancy.Transactions;

/**
 * The cooperative's settings: margin, service fee, home-employer share, time zone, whether admins approve
 * amendments and the days a lender has to dispute hours. Admins only.
 */
public final class SettingsResource implements SettingsApi {

    private final Transactions transactions;
    private final Writes writes;

    public SettingsResource(Transactions transactions, Writes writes) {
        this.transactions = transactions;
        this.writes = writes;
    }

    @Override
    public Response getSettings() {
        Caller caller = CurrentCaller.get();
        SettingsDao.Row row = transactions.read(caller.tenant(), SettingsDao::find);
        return Response.ok(row.settings()).tag(ETags.of(row.version())).build();
    }

    @Override
    public Response updateSettings(String ifMatch, CooperativeSettingsPatch patch) {
        Caller caller = CurrentCaller.get();
        ETags.IfMatch expected = ETags.ifMatch(ifMatch);
        List<FieldError> errors = new ArrayList<>();
        if (patch.getMarginPercent() != null && patch.getMarginPercent().stripTrailingZeros().scale() > 2) {
            errors.add(new FieldError("marginPercent", "INVALID_FORMAT", "At most two decimals."));
        }
        if (patch.getTimeZone() != null && !ZoneId.getAvailableZoneIds().contains(patch.getTimeZone())) {
            errors.add(new FieldError("timeZone", "INVALID_VALUE", "Not an IANA time zone id such as Europe/Amsterdam."));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return writes.inTenant(caller, "updateSettings", null, patch, write -> {
            SettingsDao.Row current = SettingsDao.findForUpdate(write.handle(), write.tenantId());
            expected.require(current.version());
            CooperativeSettings before = current.settings();
            CooperativeSettings changed = new CooperativeSettings(
                    patch.getMarginPercent() != null ? patch.getMarginPercent() : before.getMarginPercent(),
                    patch.getServiceFeeCentsPerHour() != null ? patch.getServiceFeeCentsPerHour() : before.getServiceFeeCentsPerHour(),
                    patch.getMinHomeEmployerSharePercent() != null
                            ? patch.getMinHomeEmployerSharePercent() : before.getMinHomeEmployerSharePercent(),
                    patch.getTimeZone() != null ? patch.getTimeZone() : before.getTimeZone())
                    .adminApprovesAmendments(patch.getAdminApprovesAmendments() != null
                            ? patch.getAdminApprovesAmendments() : before.getAdminApprovesAmendments())
                    .disputeDays(patch.getDisputeDays() != null ? patch.getDisputeDays() : before.getDisputeDays())
                    .applicantRetentionDays(patch.getApplicantRetentionDays() != null
                            ? patch.getApplicantRetentionDays() : before.getApplicantRetentionDays());
            SettingsDao.Row row = SettingsDao.update(write.handle(), changed);
            write.audit("settings.updated", "cooperative_settings", write.tenantId(), before, row.settings());
            return Response.ok(row.settings()).tag(ETags.of(row.version())).build();
        });
    }
}
