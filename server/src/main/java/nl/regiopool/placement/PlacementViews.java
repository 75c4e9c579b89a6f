package nl.regiopool.placement;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import nl.regiopool.api.model.CostLine;
import nl.regiopool.api.model.Placement;
import nl.regiopool.api.model.PlacementDispute;
import nl.regiopool.api.model.PlacementKind;
import nl.regiopool.api.model.PlacementStatus;
import nl.regiopool.api.model.QualificationRole;
import nl.regiopool.api.model.RuleOverride;
import nl.regiopool.api.model.RuleViolation;

/** Placement rows as the API shows them, and the JSON of the columns that hold violations and cost lines. */
final class PlacementViews {

    private static final ObjectMapper MAPPER = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private PlacementViews() {
    }

    static Placement view(PlacementRow row) {
        Progress progress = row.progress();
        Overridden override = row.override();
        Placement placement = new Placement().id(row.id()).kind(PlacementKind.fromValue(row.kind()))
                .agreementId(row.agreementId()).workerId(row.workerId()).borrowerMemberId(row.borrowerMemberId())
                .employerMemberId(row.employerMemberId())
                .role(row.role() == null ? null : QualificationRole.fromValue(row.role()))
                .startsAt(row.startsAt()).endsAt(row.endsAt()).breakMinutes(row.breakMinutes())
                .locationPostcode(row.locationPostcode()).externalId(row.externalId())
                .status(row.status()).confirmedAt(progress.confirmedAt())
                .actualStartsAt(progress.actualStartsAt()).actualEndsAt(progress.actualEndsAt())
                .actualBreakMinutes(progress.actualBreakMinutes()).completedAt(progress.completedAt())
                .completedBy(progress.completedBy()).cancelledAt(progress.cancelledAt())
                .cancelledBy(progress.cancelledBy())
                .cancellationReason(progress.cancellationReason()).lateCancellation(progress.lateCancellation())
                .noShowAt(progress.noShowAt())
                .costLines(progress.costLines() == null ? List.of()
                        : read(progress.costLines(), new TypeReference<List<CostLine>>() {
                        }))
                .createdAt(row.createdAt()).updatedAt(row.updatedAt());
        if (row.dispute() != null) {
            PlacementRow.Dispute d = row.dispute();
            placement.dispute(new PlacementDispute(d.reason(), d.disputedAt(), d.disputedBy()).resolvedAt(d.resolvedAt())
                    .resolvedBy(d.resolvedBy()).resolutionNote(d.resolutionNote()));
        }
        if (override.reason() != null) {
            placement.ruleOverride(new RuleOverride(override.reason(), override.by(), override.at(),
                    read(override.violationsJson(), new TypeReference<List<RuleViolation>>() {
                    })));
        }
        return placement;
    }

    static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored placement JSON does not read back", e);
        }
    }
}
