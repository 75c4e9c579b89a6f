package nl.regiopool.auth;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallerTest {

    private static final UUID TENANT = UUID.randomUUID();
    private static final UUID MEMBER = UUID.randomUUID();

    private static Caller caller(CallerRole... roles) {
        return new Caller("someone", TENANT, Set.of(roles), Set.of(roles).contains(CallerRole.MEMBER) ? MEMBER : null);
    }

    @Test
    void aMemberReadsItsOwnRows() {
        assertThat(caller(CallerRole.MEMBER).memberScope()).contains(MEMBER);
    }

    @Test
    void anAdminReadsTheWholeCooperative() {
        assertThat(caller(CallerRole.COOP_ADMIN).memberScope()).isEmpty();
    }

    @Test
    void anAuditorReadsTheWholeCooperative() {
        assertThat(caller(CallerRole.AUDITOR).memberScope()).isEmpty();
    }

    @Test
    void aMemberWhoIsAlsoAuditorReadsAsAnAuditor() {
        assertThat(caller(CallerRole.MEMBER, CallerRole.AUDITOR).memberScope()).isEmpty();
    }

    @Test
    void aWorkerHasNoMembersView() {
        Caller worker = new Caller("someone", TENANT, Set.of(CallerRole.WORKER), null, UUID.randomUUID());
        assertThatThrownBy(worker::memberScope).isInstanceOf(nl.regiopool.problem.ProblemException.class)
                .hasMessageContaining("worker");
    }

    @Test
    void aWorkerIsTheWorkerOfItsClaim() {
        UUID worker = UUID.randomUUID();
        assertThat(new Caller("someone", TENANT, Set.of(CallerRole.WORKER), null, worker).workerId()).contains(worker);
        assertThat(caller(CallerRole.MEMBER).workerId()).isEmpty();
    }

    @Test
    void aMemberWhoIsAlsoAdminReadsAsAnAdmin() {
        assertThat(caller(CallerRole.MEMBER, CallerRole.COOP_ADMIN).memberScope()).isEmpty();
    }
}
