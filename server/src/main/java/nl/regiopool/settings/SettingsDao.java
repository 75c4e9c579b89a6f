package nl.regiopool.settings;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import nl.regiopool.api.model.CooperativeSettings;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * SQL for the cooperative's settings: one row per tenant, written on the first change. Until then
 * the defaults apply, which are the row's column defaults with version 1.
 */
public final class SettingsDao {

    private static final String COLUMNS = "margin_percent, service_fee_cents_per_hour, min_home_employer_share_percent,"
            + " time_zone, admin_approves_amendments, dispute_days, applicant_retention_days, version, updated_at";

    /** Days a lender has to dispute approved hours, until the cooperative sets its own. */
    public static final int DEFAULT_DISPUTE_DAYS = 7;

    /** Days an internship applicant's data is kept after the last decision, unless the cooperative sets otherwise. */
    public static final int DEFAULT_APPLICANT_RETENTION_DAYS = 28;

    private SettingsDao() {
    }

    record Row(CooperativeSettings settings, int version) {
    }

    static Row defaults() {
        return new Row(new CooperativeSettings(BigDecimal.ZERO, 0, 0, CooperativeTime.DEFAULT_ZONE).adminApprovesAmendments(false)
                .disputeDays(DEFAULT_DISPUTE_DAYS).applicantRetentionDays(DEFAULT_APPLICANT_RETENTION_DAYS), 1);
    }

    /** The settings of the transaction's tenant, defaults included. Later concepts read them here. */
    public static CooperativeSettings current(Handle handle) {
        return find(handle).settings();
    }

    static Row find(Handle handle) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM cooperative_settings")
                .map(SettingsDao::map)
                .findOne()
                .orElseGet(SettingsDao::defaults);
    }

    /** Creates the defaults row if there is none yet, then locks it. */
    static Row findForUpdate(Handle handle, UUID tenantId) {
        handle.createUpdate("INSERT INTO cooperative_settings (tenant_id) VALUES (:tenant) ON CONFLICT (tenant_id) DO NOTHING")
                .bind("tenant", tenantId)
                .execute();
        return handle.createQuery("SELECT " + COLUMNS + " FROM cooperative_settings FOR UPDATE")
                .map(SettingsDao::map)
                .one();
    }

    static Row update(Handle handle, CooperativeSettings values) {
        return handle.createQuery("""
                        UPDATE cooperative_settings SET margin_percent = :margin, service_fee_cents_per_hour = :fee,
                            min_home_employer_share_percent = :share, time_zone = :zone,
                            admin_approves_amendments = :adminApprovesAmendments, dispute_days = :disputeDays,
                            applicant_retention_days = :applicantRetentionDays,
                            version = version + 1, updated_at = now()
                        RETURNING\s""" + COLUMNS)
                .bind("margin", values.getMarginPercent())
                .bind("fee", values.getServiceFeeCentsPerHour())
                .bind("share", values.getMinHomeEmployerSharePercent())
                .bind("zone", values.getTimeZone())
                .bind("adminApprovesAmendments", Boolean.TRUE.equals(values.getAdminApprovesAmendments()))
                .bind("disputeDays", values.getDisputeDays())
                .bind("applicantRetentionDays", values.getApplicantRetentionDays())
                .map(SettingsDao::map)
                .one();
    }

    /** 2.50 as 2.5 and 100.00 as 100 (not 1E+2). */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static Row map(ResultSet rs, StatementContext ctx) throws SQLException {
        CooperativeSettings settings = new CooperativeSettings(
                plain(rs.getBigDecimal("margin_percent")),
                rs.getInt("service_fee_cents_per_hour"),
                rs.getInt("min_home_employer_share_percent"),
                rs.getString("time_zone"))
                .adminApprovesAmendments(rs.getBoolean("admin_approves_amendments"))
                .disputeDays(rs.getInt("dispute_days"))
                .applicantRetentionDays(rs.getInt("applicant_retention_days"))
                .updatedAt(rs.getObject("updated_at", OffsetDateTime.class));
        return new Row(settings, rs.getInt("version"));
    }
}
