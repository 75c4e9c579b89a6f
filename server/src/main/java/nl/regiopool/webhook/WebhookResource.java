package nl.regiopool.webhook;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.regiopool.api.WebhooksApi;
import nl.regiopool.api.model.WebhookDeliveryList;
import nl.regiopool.api.model.WebhookEndpointCreate;
import nl.regiopool.api.model.WebhookEndpointList;
import nl.regiopool.api.model.WebhookEndpointPatch;
import nl.regiopool.auth.Caller;
import nl.regiopool.auth.CurrentCaller;
import nl.regiopool.event.EventTypes;
import nl.regiopool.http.ETags;
import nl.regiopool.http.Writes;
import nl.regiopool.page.Cursors;
import nl.regiopool.page.Page;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.settings.CooperativeTime;
import nl.regiopool.tenancy.Ids;
import nl.regiopool.tenancy.Transactions;
import org.jdbi.v3.core.Handle;

/** Webhook endpoints: a member's own, or the cooperative's (an admin's), and their deliveries. */
public final class WebhookResource implements WebhooksApi {

    /** How long the previous secret keeps signing after a rotation. */
    static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

    private final Transactions transactions;
    private final Writes writes;
    private final WebhookUrls urls;

    public WebhookResource(Transactions transactions, Writes writes, WebhookUrls urls) {
        this.transactions = transactions;
        this.writes = writes;
        this.urls = urls;
    }

    @Override
    public Response createWebhookEndpoint(WebhookEndpointCreate body, String idempotencyKey) {
        Caller caller = CurrentCaller.get();
        List<String> types = knownTypes(body.getEventTypes());
        String url = callableUrl(body.getUrl());
        UUID owner = caller.memberScope().orElse(null);
        return writes.inTenant(caller, "createWebhookEndpoint", idempotencyKey, body, write -> {
            UUID id = Ids.next();
            WebhookDao.Endpoint row = WebhookDao.insert(write.handle(), write.tenantId(), id, owner, url, types,
                    body.getDescription(), Signatures.newSecret());
            write.audit("webhook_endpoint.created", "webhook_endpoint", id, null, row.view());
            return Response.created(URI.create("/v1/webhook-endpoints/" + id)).tag(ETags.of(row.version()))
                    .entity(row.view().secret(row.secret())).build();
        });
    }

    @Override
    public Response listWebhookEndpoints(Integer limit, String cursor) {
        Caller caller = CurrentCaller.get();
        UUID after = Cursors.decodeUuid(cursor);
        Page<WebhookDao.Endpoint> page = Page.of(transactions.read(caller.tenant(), handle ->
                WebhookDao.list(handle, caller.memberScope().orElse(null), after, limit)), limit, row -> row.id().toString());
        return Response.ok(new WebhookEndpointList(page.data().stream().map(WebhookDao.Endpoint::view).toList())
                .nextCursor(page.nextCursor())).build();
    }

    @Override
    public Response getWebhookEndpoint(UUID endpointId) {
        Caller caller = CurrentCaller.get();
        WebhookDao.Endpoint row = transactions.read(caller.tenant(), handle -> visible(handle, caller, endpointId, false));
        return Response.ok(row.view()).tag(ETags.of(row.version())).build();
    }

    @Override
    public Response updateWebhookEndpoint(UUID endpointId, String ifMatch, WebhookEndpointPatch patch) {
        Caller caller = CurrentCaller.get();
        ETags.IfMatch expected = ETags.ifMatch(ifMatch);
        List<String> newTypes = patch.getEventTypes() == null ? null : knownTypes(patch.getEventTypes());
        String newUrl = patch.getUrl() == null ? null : callableUrl(patch.getUrl());
        return writes.inTenant(caller, "updateWebhookEndpoint", null, patch, write -> {
            WebhookDao.Endpoint before = visible(write.handle(), caller, endpointId, true);
            expected.require(before.version());
            WebhookDao.Endpoint row = WebhookDao.update(write.handle(), endpointId,
                    newUrl != null ? newUrl : before.url(),
                    newTypes != null ? newTypes : before.eventTypes(),
                    patch.getDescription() != null ? patch.getDescription() : before.description());
            write.audit("webhook_endpoint.updated", "webhook_endpoint", endpointId, before.view(), row.view());
            return Response.ok(row.view()).tag(ETags.of(row.version())).build();
        });
    }

    @Override
    public Response deleteWebhookEndpoint(UUID endpointId, String ifMatch) {
        Caller caller = CurrentCaller.get();
        ETags.IfMatch expected = ETags.ifMatch(ifMatch);
        return writes.inTenant(caller, "deleteWebhookEndpoint", null, null, write -> {
            WebhookDao.Endpoint row = visible(write.handle(), caller, endpointId, true);
            expected.require(row.version());
            WebhookDao.delete(write.handle(), endpointId);
            write.audit("webhook_endpoint.deleted", "webhook_endpoint", endpointId, row.view(), null);
            return Response.noContent().build();
        });
    }

    @Override
    public Response rotateWebhookSecret(UUID endpointId, String idempotencyKey) {
        Caller caller = CurrentCaller.get();
        return writes.inTenant(caller, "rotateWebhookSecret:" + endpointId, idempotencyKey, null, write -> {
            WebhookDao.Endpoint before = visible(write.handle(), caller, endpointId, true);
            Instant now = CooperativeTime.now(write.handle());
            WebhookDao.Endpoint row = WebhookDao.rotate(write.handle(), endpointId, Signatures.newSecret(),
                    now.plus(ROTATION_OVERLAP));
            write.audit("webhook_endpoint.secret_rotated", "webhook_endpoint", endpointId, before.view(), row.view());
            return Response.ok(row.view().secret(row.secret())).tag(ETags.of(row.version())).build();
        });
    }

    @Override
    public Response enableWebhookEndpoint(UUID endpointId, String idempotencyKey) {
        Caller caller = CurrentCaller.get();
        return writes.inTenant(caller, "enableWebhookEndpoint:" + endpointId, idempotencyKey, null, write -> {
            WebhookDao.Endpoint before = visible(write.handle(), caller, endpointId, true);
            urls.refusal(before.url()).ifPresent(reason -> {
                throw ProblemException.conflict("WEBHOOK_URL_REFUSED", "This URL cannot receive webhooks: " + reason + ".");
            });
            WebhookDao.Endpoint row = WebhookDao.enable(write.handle(), endpointId);
            write.audit("webhook_endpoint.enabled", "webhook_endpoint", endpointId, before.view(), row.view());
            return Response.ok(row.view()).tag(ETags.of(row.version())).build();
        });
    }

    @Override
    public Response listWebhookDeliveries(UUID endpointId, Integer limit, String cursor) {
        Caller caller = CurrentCaller.get();
        Long before = cursor == null ? null : position(Cursors.decode(cursor));
        Page<WebhookDao.Listed> page = Page.of(transactions.read(caller.tenant(), handle -> {
            visible(handle, caller, endpointId, false);
            return WebhookDao.deliveries(handle, endpointId, before, limit);
        }), limit, listed -> Long.toString(listed.position()));
        return Response.ok(new WebhookDeliveryList(page.data().stream().map(WebhookDao.Listed::delivery).toList())
                .nextCursor(page.nextCursor())).build();
    }

    @Override
    public Response retryWebhookDelivery(UUID endpointId, UUID deliveryId, String idempotencyKey) {
        Caller caller = CurrentCaller.get();
        return writes.inTenant(caller, "retryWebhookDelivery:" + deliveryId, idempotencyKey, null, write -> {
            visible(write.handle(), caller, endpointId, true);
            Instant now = CooperativeTime.now(write.handle());
            var delivery = WebhookDao.retry(write.handle(), endpointId, deliveryId, now)
                    .orElseThrow(() -> ProblemException.notFound("Webhook delivery " + deliveryId));
            write.audit("webhook_delivery.retried", "webhook_delivery", deliveryId, null, delivery);
            return Response.ok(delivery).build();
        });
    }

    private static List<String> knownTypes(List<String> requested) {
        List<String> types = requested.stream().distinct().toList();
        for (String type : types) {
            if (!EventTypes.known(type)) {
                throw ProblemException.invalid("eventTypes", "UNKNOWN_EVENT_TYPE", "Unknown event type '" + type
                        + "'; known are " + EventTypes.names().stream().sorted().toList() + ".");
            }
        }
        return types;
    }

    /** The URL, stripped, if webhooks may be sent to it; else 422. */
    private String callableUrl(String requested) {
        String url = requested.strip();
        urls.refusal(url).ifPresent(reason -> {
            throw ProblemException.invalid("url", "WEBHOOK_URL_REFUSED", "This URL cannot receive webhooks: " + reason + ".");
        });
        return url;
    }

    /** The endpoint if the caller may see it (its member's own; an admin's any), else 404. */
    private static WebhookDao.Endpoint visible(Handle handle, Caller caller, UUID endpointId, boolean lock) {
        return WebhookDao.find(handle, endpointId, caller.memberScope().orElse(null), lock)
                .orElseThrow(() -> ProblemException.notFound("Webhook endpoint " + endpointId));
    }

    private static long position(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("cursor", "INVALID_CURSOR", "cursor is not a cursor of this list.");
        }
    }
}
