package nl.regiopool.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {

    private static final OffsetDateTime NOON = OffsetDateTime.of(2026, 12, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    private final UUID alpha = UUID.randomUUID();
    private final UUID beta = UUID.randomUUID();

    @Test
    void aMemberEndpointGetsTheEventsItsMemberMayRead() {
        var alphas = subscriber(alpha, "placement.created");
        var betas = subscriber(beta, "placement.created");
        var event = event("placement.created", alpha);

        assertThat(new Subscriptions(List.of(alphas, betas)).targets(List.of(event)))
                .containsExactly(new Subscriptions.Target(alphas.id(), event));
    }

    @Test
    void theCooperativesOwnEndpointGetsEveryEventOfItsTypes() {
        var cooperative = subscriber(null, "placement.created", "offer.accepted");
        var placed = event("placement.created", alpha);
        var accepted = event("offer.accepted", beta);
        var cancelled = event("placement.cancelled", alpha);

        assertThat(new Subscriptions(List.of(cooperative)).targets(List.of(placed, accepted, cancelled)))
                .containsExactly(new Subscriptions.Target(cooperative.id(), placed),
                        new Subscriptions.Target(cooperative.id(), accepted));
    }

    @Test
    void anEndpointGetsOnlyTheTypesItSubscribesTo() {
        var alphas = subscriber(alpha, "placement.confirmed");

        assertThat(new Subscriptions(List.of(alphas)).targets(List.of(event("placement.created", alpha)))).isEmpty();
    }

    @Test
    void anEventThatOccurredBeforeTheEndpointWasRegisteredIsNotItsToGet() {
        var registeredLater = new Subscriptions.Subscriber(UUID.randomUUID(), alpha, Set.of("placement.created"),
                NOON.plusSeconds(1));
        var registeredThen = new Subscriptions.Subscriber(UUID.randomUUID(), alpha, Set.of("placement.created"), NOON);
        var event = event("placement.created", alpha);

        assertThat(new Subscriptions(List.of(registeredLater, registeredThen)).targets(List.of(event)))
                .containsExactly(new Subscriptions.Target(registeredThen.id(), event));
    }

    @Test
    void aMemberNamedTwiceAmongTheReadersGetsTheEventOnce() {
        var alphas = subscriber(alpha, "placement.created");
        var event = event("placement.created", alpha, beta, alpha);

        assertThat(new Subscriptions(List.of(alphas)).targets(List.of(event)))
                .containsExactly(new Subscriptions.Target(alphas.id(), event));
    }

    @Test
    void everyEndpointOfAMemberGetsTheEventInTheEventsOrder() {
        var first = subscriber(alpha, "placement.created");
        var second = subscriber(alpha, "placement.created");
        var betas = subscriber(beta, "placement.created");
        var one = event("placement.created", alpha, beta);
        var two = event("placement.created", beta);

        assertThat(new Subscriptions(List.of(first, second, betas)).targets(List.of(one, two)))
                .containsExactly(new Subscriptions.Target(first.id(), one), new Subscriptions.Target(second.id(), one),
                        new Subscriptions.Target(betas.id(), one), new Subscriptions.Target(betas.id(), two));
    }

    private static Subscriptions.Subscriber subscriber(UUID member, String... types) {
        return new Subscriptions.Subscriber(UUID.randomUUID(), member, Set.of(types), NOON.minusDays(1));
    }

    private static Subscriptions.Published event(String type, UUID... readers) {
        return new Subscriptions.Published(UUID.randomUUID(), "1000", 1, type, List.of(readers), NOON);
    }
}
