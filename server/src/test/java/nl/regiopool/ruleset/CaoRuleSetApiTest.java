package nl.regiopool.ruleset;

import static nl.regiopool.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import nl.regiopool.cao.RuleParameter;
import nl.regiopool.cao.RuleSetVersion;
import nl.regiopool.cao.SeededRuleSets;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.api.AuditApi;
import nl.regiopool.client.api.CaoRuleSetsApi;
import nl.regiopool.client.model.AuditEvent;
import nl.regiopool.client.model.CaoRuleSet;
import nl.regiopool.client.model.CaoRuleSetCreate;
import nl.regiopool.client.model.CaoRuleSetVersionCreate;
import nl.regiopool.client.model.DayKind;
import nl.regiopool.client.model.FieldError;
import nl.regiopool.client.model.RuleParameterName;
import nl.regiopool.client.model.RuleParameterValue;
import nl.regiopool.client.model.SurchargeWindowValue;
import nl.regiopool.db.JdbiSettings;
import nl.regiopool.tenancy.Transactions;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CaoRuleSetApiTest extends ApiTest {

    private UUID tenant;
    private CaoRuleSetsApi admin;

    @BeforeEach
    void cooperative() throws ApiException {
        tenant = newCooperative();
        admin = new CaoRuleSetsApi(TestApp.client(TestApp.adminToken(tenant)));
    }

    private static RuleParameterValue minutes(RuleParameterName name, int minutes) {
        return new RuleParameterValue().name(name).minutes(minutes).source("CAO VVT 2025, art. 1");
    }

    @Test
    void everyNewCooperativeHasTheSeededRuleSetsWithSources() throws ApiException {
        UUID member = newMember(tenant, "Praktijk").getId();
        CaoRuleSetsApi asMember = new CaoRuleSetsApi(TestApp.client(TestApp.memberToken(tenant, member)));

        assertThat(asMember.listCaoRuleSets(null, null).getData()).extracting(CaoRuleSet::getCode)
                .containsExactly("ATW", "CAO_HUISARTSENZORG");
        CaoRuleSet atw = asMember.getCaoRuleSet("ATW");
        assertThat(atw.getExtends()).isNull();
        assertThat(atw.getVersions()).hasSize(1);
        assertThat(atw.getVersions().get(0).getValidFrom()).isEqualTo(LocalDate.of(2007, 4, 1));
        RuleParameterValue rest = atw.getVersions().get(0).getParameters().stream()
                .filter(p -> p.getName() == RuleParameterName.MIN_DAILY_REST).findFirst().orElseThrow();
        assertThat(rest.getMinutes()).isEqualTo(11 * 60);
        assertThat(rest.getSource()).contains("art. 5:3");

        CaoRuleSet cao = new CaoRuleSetsApi(TestApp.client(TestApp.auditorToken(tenant))).getCaoRuleSet("CAO_HUISARTSENZORG");
        assertThat(cao.getExtends()).isEqualTo("ATW");
        assertThat(cao.getVersions().get(0).getParameters()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo(RuleParameterName.SURCHARGE_WINDOWS);
            SurchargeWindowValue window = p.getSurchargeWindows().get(0);
            assertThat(window.getFrom()).isEqualTo("20:00");
            assertThat(window.getTo()).isEqualTo("00:00");
            assertThat(window.getPercent()).isEqualByComparingTo("30");
            assertThat(window.getDays()).containsExactly(DayKind.MONDAY, DayKind.TUESDAY, DayKind.WEDNESDAY,
                    DayKind.THURSDAY, DayKind.FRIDAY);
        });
    }

    @Test
    void adminAddsARuleSetThatExtendsAtwAndVersionsThatDoNotOverlap() throws ApiException {
        CaoRuleSet created = admin.createCaoRuleSet(new CaoRuleSetCreate().code("CAO_VVT").name("CAO VVT")._extends("ATW"), null);
        assertThat(created.getVersions()).isEmpty();

        CaoRuleSet withVersion = admin.addCaoRuleSetVersion("CAO_VVT", new CaoRuleSetVersionCreate()
                .validFrom(LocalDate.of(2025, 1, 1)).validTo(LocalDate.of(2025, 12, 31))
                .parameters(List.of(minutes(RuleParameterName.MAX_SHIFT_WORK, 600),
                        new RuleParameterValue().name(RuleParameterName.SURCHARGE_WINDOWS).source("CAO VVT 2025, art. 2")
                                .surchargeWindows(List.of(new SurchargeWindowValue().days(List.of(DayKind.SATURDAY))
                                        .from("00:00").to("00:00").percent(new BigDecimal("38.5")))))), null);
        assertThat(withVersion.getVersions()).singleElement().satisfies(v -> {
            assertThat(v.getValidTo()).isEqualTo(LocalDate.of(2025, 12, 31));
            assertThat(v.getParameters()).extracting(RuleParameterValue::getName)
                    .containsExactly(RuleParameterName.MAX_SHIFT_WORK, RuleParameterName.SURCHARGE_WINDOWS);
        });

        expectProblem(409, "CAO_RULE_SET_VERSION_OVERLAP", () -> admin.addCaoRuleSetVersion("CAO_VVT",
                new CaoRuleSetVersionCreate().validFrom(LocalDate.of(2025, 12, 31))
                        .parameters(List.of(minutes(RuleParameterName.MAX_SHIFT_WORK, 540))), null));
        admin.addCaoRuleSetVersion("CAO_VVT", new CaoRuleSetVersionCreate().validFrom(LocalDate.of(2026, 1, 1))
                .parameters(List.of(minutes(RuleParameterName.MAX_SHIFT_WORK, 540))), null);
        assertThat(admin.getCaoRuleSet("CAO_VVT").getVersions()).extracting(v -> v.getValidFrom())
                .containsExactly(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1));

        expectProblem(409, "CAO_RULE_SET_EXISTS",
                () -> admin.createCaoRuleSet(new CaoRuleSetCreate().code("CAO_VVT").name("Again"), null));
        List<AuditEvent> events = new AuditApi(TestApp.client(TestApp.adminToken(tenant)))
                .listAuditEvents("cao_rule_set", null, null, null, null, null, null).getData();
        assertThat(events).extracting(AuditEvent::getAction)
                .containsExactly("cao_rule_set.created", "cao_rule_set.version_added", "cao_rule_set.version_added");
    }

    @Test
    void ruleParametersAreTypedWithACitedSource() throws ApiException {
        admin.createCaoRuleSet(new CaoRuleSetCreate().code("CAO_GGZ").name("CAO GGZ")._extends("ATW"), null);
        var problem = expectProblem(422, "VALIDATION_FAILED", () -> admin.addCaoRuleSetVersion("CAO_GGZ",
                new CaoRuleSetVersionCreate().validFrom(LocalDate.of(2025, 1, 1)).parameters(List.of(
                        new RuleParameterValue().name(RuleParameterName.MAX_SHIFT_WORK).count(10).source("x"),
                        new RuleParameterValue().name(RuleParameterName.SURCHARGE_WINDOWS).source("y")
                                .surchargeWindows(List.of(new SurchargeWindowValue().days(List.of(DayKind.SUNDAY))
                                        .from("22:00").to("06:00").percent(BigDecimal.TEN))))), null));
        assertThat(problem.getErrors()).extracting(FieldError::getField).containsExactly("parameters[0]", "parameters[1]");
        assertThat(admin.getCaoRuleSet("CAO_GGZ").getVersions()).isEmpty();
        expectProblem(422, "VALIDATION_FAILED", () -> admin.createCaoRuleSet(
                new CaoRuleSetCreate().code("CAO_X").name("X")._extends("NOPE"), null));
    }

    @Test
    void onlyAdminsWriteRuleSets() throws ApiException {
        UUID member = newMember(tenant, "Praktijk").getId();
        expectProblem(403, "FORBIDDEN", () -> new CaoRuleSetsApi(TestApp.client(TestApp.memberToken(tenant, member)))
                .createCaoRuleSet(new CaoRuleSetCreate().code("CAO_MINE").name("Mine"), null));
    }

    @Test
    void anotherCooperativeCannotSeeALocalRuleSet() throws ApiException {
        admin.createCaoRuleSet(new CaoRuleSetCreate().code("CAO_LOCAL").name("Local"), null);
        CaoRuleSetsApi otherAdmin = new CaoRuleSetsApi(TestApp.client(TestApp.adminToken(newCooperative())));
        expectProblem(404, "NOT_FOUND", () -> otherAdmin.getCaoRuleSet("CAO_LOCAL"));
        assertThat(otherAdmin.listCaoRuleSets(1, null).getNextCursor()).isNotNull();
    }

    @Test
    void resolvingAVersionInheritsFromTheParentOnTheSameDate() {
        RuleSetVersion version = new Transactions(JdbiSettings.apply(Jdbi.create(TestApp::applicationConnection)))
                .read(tenant, handle -> CaoRuleSetDao.resolve(handle, "CAO_HUISARTSENZORG", LocalDate.of(2026, 3, 2))
                        .orElseThrow());
        assertThat(version.require(RuleParameter.MIN_DAILY_REST).value()).isEqualTo(Duration.ofHours(11));
        assertThat(version.require(RuleParameter.SURCHARGE_WINDOWS).value())
                .isEqualTo(SeededRuleSets.CAO_HUISARTSENZORG_2017.require(RuleParameter.SURCHARGE_WINDOWS).value());
    }
}
