package nl.regiopool.placement;

import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.regiopool.api.model.FieldError;
import nl.regiopool.api.model.HomeShiftInput;
import nl.regiopool.api.model.HomeShiftsReplace;
import nl.regiopool.api.model.HomeShiftsResult;
import nl.regiopool.api.model.Placement;
import nl.regiopool.api.model.RuleViolation;
import nl.regiopool.api.model.ScheduleEntry;
import nl.regiopool.api.model.ScheduleEntryKind;
import nl.regiopool.api.model.WorkerSchedule;
import nl.regiopool.auth.Caller;
import nl.regiopool.auth.CallerRole;
import nl.regiopool.cao.RuleSetVersion;
import nl.regiopool.cao.SeededRuleSets;
import nl.regiopool.cao.Shift;
import nl.regiopool.cao.WorkingTimeRules;
import nl.regiopool.http.ETags;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.http.Writes;
import nl.regiopool.ruleset.CaoRuleSetDao;
import nl.regiopool.settings.CooperativeTime;
import nl.regiopool.tenancy.Ids;
import nl.regiopool.tenancy.Transactions;
import org.jdbi.v3.core.Handle;

/**
 * A worker's home shifts (the roster at the employer, synced from the employer's system) and the worker's
 * schedule. The roster is a fact: a sync is never refused for working-time rules, it reports them.
 */
final class HomeShifts {

    static final Duration MAX_WINDOW = Duration.ofDays(366);

    private final Transactions transactions;
    private final Writes writes;

    HomeShifts(Transactions transactions, Writes writes) {
        this.transactions = transactions;
        this.writes = writes;
    }

    Response replace(Caller caller, UUID workerId, OffsetDateTime from, OffsetDateTime to, HomeShiftsReplace body, String ifMatch) {
        ETags.IfMatch expected = ETags.ifMatch(ifMatch);
        requireWindow(from, to);
        requireShifts(body.getShifts(), from, to);
        return writes.inTenant(caller, "replaceHomeShifts", null, body, write -> {
            Handle handle = write.handle();
            UUID employer = PlacementDao.employer(handle, workerId)
                    .filter(e -> caller.has(CallerRole.COOP_ADMIN) || e.equals(caller.memberId()))
                    .orElseThrow(() -> ProblemException.notFound("Worker " + workerId));
            PlacementDao.lockWorker(handle, workerId);
            expected.require(PlacementDao.rosterVersion(handle, workerId));
            List<PlacementRow> before = PlacementDao.homeShifts(handle, workerId, from, to);
            Map<String, UUID> ids = new HashMap<>();
            before.forEach(row -> ids.put(row.externalId(), row.id()));
            PlacementDao.deleteHomeShifts(handle, workerId, from, to);
            for (HomeShiftInput shift : body.getShifts()) {
                UUID id = ids.getOrDefault(shift.getExternalId(), Ids.next());
                PlacementDao.insert(handle, write.tenantId(), PlacementRow.planned(id, "HOME_SHIFT", null, workerId, employer,
                        employer, null, shift.getStartsAt(), shift.getEndsAt(),
                        ShiftInput.orZero(shift.getBreakMinutes()), null, shift.getExternalId(),
                        PlacementLifecycle.HOME_SHIFT_CREATED, Overridden.NONE));
            }
            int version = PlacementDao.bumpRoster(handle, write.tenantId(), workerId);
            List<Placement> after = PlacementDao.homeShifts(handle, workerId, from, to).stream()
                    .map(PlacementViews::view).toList();
            List<RuleViolation> violations = violations(handle, workerId, employer, body.getShifts().isEmpty()
                    ? List.of() : after);
            write.audit("worker.home_shifts_replaced", "worker", workerId,
                    Map.of("from", from, "to", to, "shifts", before.stream().map(PlacementViews::view).toList()),
                    Map.of("from", from, "to", to, "shifts", after));
            return Response.ok(new HomeShiftsResult(after, violations)).tag(ETags.of(version)).build();
        });
    }

    Response schedule(Caller caller, UUID workerId, OffsetDateTime from, OffsetDateTime to) {
        requireWindow(from, to);
        record Read(WorkerSchedule schedule, int version) {
        }
        Read read = transactions.read(caller.tenant(), handle -> {
            UUID employer = PlacementDao.employer(handle, workerId)
                    .orElseThrow(() -> ProblemException.notFound("Worker " + workerId));
            UUID viewer = caller.memberScope().orElse(null);
            boolean everything = viewer == null || viewer.equals(employer);
            List<ScheduleEntry> entries = new ArrayList<>();
            for (PlacementRow row : PlacementDao.schedule(handle, workerId, from, to)) {
                if (everything || row.borrowerMemberId().equals(viewer)) {
                    entries.add(new ScheduleEntry(ScheduleEntryKind.fromValue(row.kind()), row.startsAt(), row.endsAt())
                            .placement(PlacementViews.view(row)));
                } else if (PlacementLifecycle.holdsTime(row.status())) {
                    entries.add(new ScheduleEntry(ScheduleEntryKind.BUSY, row.startsAt(), row.endsAt()));
                }
            }
            return new Read(new WorkerSchedule(workerId, from, to, entries), PlacementDao.rosterVersion(handle, workerId));
        });
        return Response.ok(read.schedule()).tag(ETags.of(read.version())).build();
    }

    /** The working-time violations each new home shift takes part in, once each. */
    private static List<RuleViolation> violations(Handle handle, UUID workerId, UUID employer, List<Placement> shifts) {
        if (shifts.isEmpty()) {
            return List.of();
        }
        ZoneId zone = CooperativeTime.zone(handle);
        Instant first = shifts.get(0).getStartsAt().toInstant();
        Instant last = shifts.get(shifts.size() - 1).getEndsAt().toInstant();
        List<Shift> all = PlacementDao.shiftsAround(handle, workerId, first.minus(PlacementChecks.HORIZON),
                last.plus(PlacementChecks.HORIZON)).stream().filter(PlacementDao.OtherShift::worked)
                .map(PlacementChecks::shift).toList();
        String cao = PlacementDao.caoRuleSetCode(handle, employer).orElse(null);
        Map<String, RuleViolation> unique = new LinkedHashMap<>();
        Map<LocalDate, RuleSetVersion> rulesByDate = new HashMap<>();
        for (Placement placement : shifts) {
            LocalDate date = placement.getStartsAt().atZoneSameInstant(zone).toLocalDate();
            RuleSetVersion rules = rulesByDate.computeIfAbsent(date, d ->
                    CaoRuleSetDao.resolveOrFallback(handle, cao, d).orElse(SeededRuleSets.ATW_2007));
            Shift candidate = new Shift(placement.getId(), placement.getStartsAt().toInstant(),
                    placement.getEndsAt().toInstant(), placement.getBreakMinutes());
            WorkingTimeRules.check(rules, zone, candidate, all).forEach(v -> {
                RuleViolation violation = PlacementChecks.violation(v);
                unique.putIfAbsent(violation.getCode() + violation.getEntityIds(), violation);
            });
        }
        return List.copyOf(unique.values());
    }

    static void requireWindow(OffsetDateTime from, OffsetDateTime to) {
        if (!to.isAfter(from) || Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw ProblemException.invalid("query.to", "OUT_OF_RANGE", "to lies after from, at most 366 days.");
        }
    }

    private static void requireShifts(List<HomeShiftInput> shifts, OffsetDateTime from, OffsetDateTime to) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> externalIds = new HashSet<>();
        for (int i = 0; i < shifts.size(); i++) {
            HomeShiftInput shift = shifts.get(i);
            String field = "shifts[" + i + "]";
            if (!externalIds.add(shift.getExternalId())) {
                errors.add(new FieldError(field + ".externalId", "DUPLICATE", "Each externalId appears once."));
            }
            if (shift.getStartsAt().isBefore(from) || !shift.getStartsAt().isBefore(to)) {
                errors.add(new FieldError(field + ".startsAt", "OUT_OF_RANGE", "The shift starts outside [from, to)."));
            }
            if (!shift.getEndsAt().isAfter(shift.getStartsAt())
                    || Duration.between(shift.getStartsAt(), shift.getEndsAt()).compareTo(Duration.ofHours(24)) > 0) {
                errors.add(new FieldError(field + ".endsAt", "OUT_OF_RANGE", "The shift ends after it starts, within 24 h."));
            } else if (Duration.ofMinutes(ShiftInput.orZero(shift.getBreakMinutes()))
                    .compareTo(Duration.between(shift.getStartsAt(), shift.getEndsAt())) >= 0) {
                errors.add(new FieldError(field + ".breakMinutes", "OUT_OF_RANGE", "The break is shorter than the shift."));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
