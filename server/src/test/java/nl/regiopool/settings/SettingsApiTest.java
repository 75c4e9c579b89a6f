package nl.regiopool.settings;

import static nl.regiopool.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.util.UUID;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.ApiResponse;
import nl.regiopool.client.api.AuditApi;
import nl.regiopool.client.api.SettingsApi;
import nl.regiopool.client.model.AuditEvent;
import nl.regiopool.client.model.CooperativeSettings;
import nl.regiopool.client.model.CooperativeSettingsPatch;
import nl.regiopool.client.model.FieldError;
import nl.regiopool.client.model.Problem;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SettingsApiTest extends ApiTest {

    private UUID tenant;
    private SettingsApi admin;

    @BeforeEach
    void cooperative() throws ApiException {
        tenant = newCooperative();
        admin = new SettingsApi(TestApp.client(TestApp.adminToken(tenant)));
    }

    @Test
    void aNewCooperativeHasTheDefaults() throws ApiException {
        ApiResponse<CooperativeSettings> read = admin.getSettingsWithHttpInfo();
        CooperativeSettings settings = read.getData();
        assertThat(settings.getMarginPercent()).isEqualByComparingTo("0");
        assertThat(settings.getServiceFeeCentsPerHour()).isZero();
        assertThat(settings.getMinHomeEmployerSharePercent()).isZero();
        assertThat(settings.getTimeZone()).isEqualTo("Europe/Amsterdam");
        assertThat(settings.getUpdatedAt()).isNull();
        assertThat(read.getHeaders().get("etag")).containsExactly("\"1\"");
    }

    @Test
    void eachSettingsChangeByTheAdminNeedsTheCurrentETagThenIsAudited() throws ApiException {
        ApiResponse<CooperativeSettings> changed = admin.updateSettingsWithHttpInfo("\"1\"", new CooperativeSettingsPatch()
                .marginPercent(new BigDecimal("2.50")).serviceFeeCentsPerHour(300).minHomeEmployerSharePercent(50));
        assertThat(changed.getHeaders().get("etag")).containsExactly("\"2\"");
        assertThat(changed.getData().getMarginPercent()).isEqualByComparingTo("2.5");
        assertThat(changed.getData().getServiceFeeCentsPerHour()).isEqualTo(300);
        assertThat(changed.getData().getMinHomeEmployerSharePercent()).isEqualTo(50);
        assertThat(changed.getData().getTimeZone()).isEqualTo("Europe/Amsterdam");
        assertThat(changed.getData().getUpdatedAt()).isNotNull();
        assertThat(admin.getSettings()).isEqualTo(changed.getData());

        expectProblem(412, "PRECONDITION_FAILED", () -> admin.updateSettings("\"1\"", new CooperativeSettingsPatch().timeZone("Europe/Brussels")));
        assertThat(admin.updateSettings("\"2\"", new CooperativeSettingsPatch().timeZone("Europe/Brussels")).getTimeZone())
                .isEqualTo("Europe/Brussels");

        assertThat(new AuditApi(TestApp.client(TestApp.adminToken(tenant)))
                .listAuditEvents("cooperative_settings", tenant, null, null, null, null, null).getData())
                .extracting(AuditEvent::getAction).containsExactly("settings.updated", "settings.updated");
        // another cooperative keeps its own defaults
        assertThat(new SettingsApi(TestApp.client(TestApp.adminToken(newCooperative()))).getSettings().getServiceFeeCentsPerHour())
                .isZero();
    }

    @Test
    void invalidSettingsAreRefused() throws ApiException {
        Problem problem = expectProblem(422, "VALIDATION_FAILED", () -> admin.updateSettings("\"1\"", new CooperativeSettingsPatch()
                .marginPercent(new BigDecimal("1.234")).timeZone("Mars/Olympus")));
        assertThat(problem.getErrors()).extracting(FieldError::getField, FieldError::getCode).containsExactlyInAnyOrder(
                tuple("marginPercent", "INVALID_FORMAT"), tuple("timeZone", "INVALID_VALUE"));
        Problem ranges = expectProblem(422, "VALIDATION_FAILED", () -> admin.updateSettings("\"1\"", new CooperativeSettingsPatch()
                .marginPercent(new BigDecimal("101")).minHomeEmployerSharePercent(-1).serviceFeeCentsPerHour(-5)));
        assertThat(ranges.getErrors()).extracting(FieldError::getCode).containsOnly("OUT_OF_RANGE").hasSize(3);
        assertThat(admin.getSettingsWithHttpInfo().getHeaders().get("etag")).containsExactly("\"1\"");
    }

    @Test
    void noRoleButTheAdminTouchesSettings() {
        for (String token : new String[] {TestApp.memberToken(tenant, UUID.randomUUID()), TestApp.auditorToken(tenant),
                TestApp.operatorToken()}) {
            SettingsApi other = new SettingsApi(TestApp.client(token));
            expectProblem(403, "FORBIDDEN", other::getSettings);
            expectProblem(403, "FORBIDDEN", () -> other.updateSettings("\"1\"", new CooperativeSettingsPatch().serviceFeeCentsPerHour(1)));
        }
    }
}
