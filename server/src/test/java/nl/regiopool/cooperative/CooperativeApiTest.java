package nl.regiopool.cooperative;

import static nl.regiopool.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.ApiResponse;
import nl.regiopool.client.api.CooperativesApi;
import nl.regiopool.client.api.MeApi;
import nl.regiopool.client.model.Cooperative;
import nl.regiopool.client.model.CooperativeCreate;
import nl.regiopool.client.model.CooperativeList;
import nl.regiopool.client.model.CooperativeStatus;
import nl.regiopool.client.model.FieldError;
import nl.regiopool.client.model.Me;
import nl.regiopool.client.model.Role;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.Test;

class CooperativeApiTest extends ApiTest {

    private final CooperativesApi operator = new CooperativesApi(TestApp.client(TestApp.operatorToken()));

    @Test
    void operatorCreatesReadsAndListsCooperatives() throws ApiException {
        String slug = "zorgpool-" + UUID.randomUUID().toString().substring(0, 6);
        ApiResponse<Cooperative> created = operator.createCooperativeWithHttpInfo(
                new CooperativeCreate().name("Zorgpool Achterhoek").slug(slug).region("Achterhoek"), null);

        assertThat(created.getStatusCode()).isEqualTo(201);
        Cooperative cooperative = created.getData();
        assertThat(cooperative.getStatus()).isEqualTo(CooperativeStatus.ACTIVE);
        assertThat(cooperative.getSlug()).isEqualTo(slug);
        assertThat(operator.getCooperative(cooperative.getId())).isEqualTo(cooperative);

        boolean found = false;
        String cursor = null;
        do {
            CooperativeList page = operator.listCooperatives(50, cursor);
            found |= page.getData().stream().anyMatch(c -> c.getId().equals(cooperative.getId()));
            cursor = page.getNextCursor();
        } while (cursor != null);
        assertThat(found).isTrue();
    }

    @Test
    void tenantRolesCannotTouchCooperatives() throws ApiException {
        UUID tenant = newCooperative();
        CooperativesApi admin = new CooperativesApi(TestApp.client(TestApp.adminToken(tenant)));
        expectProblem(403, "FORBIDDEN", () -> admin.getCooperative(tenant));
        expectProblem(403, "FORBIDDEN", () -> admin.listCooperatives(null, null));
        expectProblem(403, "FORBIDDEN", () -> admin.createCooperative(new CooperativeCreate().name("X").slug("x-x-x"), null));
    }

    @Test
    void unknownIdIsNotFound() {
        expectProblem(404, "NOT_FOUND", () -> operator.getCooperative(UUID.randomUUID()));
    }

    @Test
    void aSlugIsRefusedWhenMalformedOrTaken() throws ApiException {
        long before = rowCount("cooperative");
        var problem = expectProblem(422, "VALIDATION_FAILED",
                () -> operator.createCooperative(new CooperativeCreate().name("").slug("Bad Slug"), null));
        assertThat(problem.getErrors()).extracting(FieldError::getField).containsExactlyInAnyOrder("name", "slug");
        assertThat(rowCount("cooperative")).isEqualTo(before);

        String slug = "uniek-" + UUID.randomUUID().toString().substring(0, 6);
        operator.createCooperative(new CooperativeCreate().name("Een").slug(slug), null);
        expectProblem(409, "COOPERATIVE_SLUG_TAKEN",
                () -> operator.createCooperative(new CooperativeCreate().name("Twee").slug(slug), null));
    }

    @Test
    void idempotentCreateReplays() throws ApiException {
        String slug = "idem-" + UUID.randomUUID().toString().substring(0, 6);
        CooperativeCreate body = new CooperativeCreate().name("Idem").slug(slug);
        long before = rowCount("cooperative");
        Cooperative first = operator.createCooperative(body, "coop-key-" + slug);
        ApiResponse<Cooperative> again = operator.createCooperativeWithHttpInfo(body, "coop-key-" + slug);
        assertThat(again.getData()).isEqualTo(first);
        assertThat(again.getHeaders().get("idempotent-replayed")).containsExactly("true");
        assertThat(rowCount("cooperative")).isEqualTo(before + 1);
        expectProblem(422, "IDEMPOTENCY_KEY_REUSED",
                () -> operator.createCooperative(new CooperativeCreate().name("Other").slug(slug + "x"), "coop-key-" + slug));
    }

    @Test
    void meTellsWhoTheTokenSaysYouAre() throws ApiException {
        UUID tenant = newCooperative();
        UUID member = newMember(tenant, "Huisartsenpraktijk De Linde").getId();
        Me me = new MeApi(TestApp.client(TestApp.memberToken(tenant, member))).getMe();
        assertThat(me.getTenantId()).isEqualTo(tenant);
        assertThat(me.getMemberId()).isEqualTo(member);
        assertThat(me.getRoles()).containsExactly(Role.MEMBER);
        assertThat(me.getSubject()).startsWith("test-member-");

        Me operatorMe = new MeApi(TestApp.client(TestApp.operatorToken())).getMe();
        assertThat(operatorMe.getTenantId()).isNull();
        assertThat(operatorMe.getRoles()).containsExactly(Role.OPERATOR);
    }
}
