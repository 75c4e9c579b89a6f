package nl.regiopool.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import nl.regiopool.api.model.QualificationRole;
import nl.regiopool.api.model.Sector;
import nl.regiopool.demo.DemoApi.Answer;

/**
 * Loads the demo region through the API, as the cooperative's people would: an operator founds the cooperative,
 * its admin registers members, workers and pools, members lend workers under agreements in every state, plan
 * eight weeks of shifts next to the workers' home rosters, ask the pool for help and offer internships.
 */
final class RegionLoader {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final int WEEKS = 8;
    private static final int LENT_HOURS = 8;
    /** Tells the day the demo is built around; a test that loads twice pins it, or a midnight between would show. */
    static volatile Clock clock = Clock.systemUTC();

    private final DemoApi api;
    private final DemoTokens tokens;
    private final Parallel parallel;
    private final Runnable endExpiredAgreements;
    private final RegionPlan plan = new RegionPlan(2026);
    private final LocalDate today = LocalDate.now(clock.withZone(ZONE));
    private final LocalDate firstMonday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(5);
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    private String admin;
    private UUID tenant;
    private final List<UUID> memberIds = new ArrayList<>();
    private final List<UUID> workerIds = new ArrayList<>();
    private final List<Lending> lendings = new ArrayList<>();
    /** The lent worker whose tokens are printed: shifts at a borrower and at home, and an offer taken. */
    private Lending sample;

    /** A worker lent to another member: the plan, and what the load made of it. */
    private static final class Lending {
        final int worker;
        final int borrower;
        final String state;
        final DayOfWeek freeDay;
        UUID agreementId;

        Lending(int worker, int borrower, String state, DayOfWeek freeDay) {
            this.worker = worker;
            this.borrower = borrower;
            this.state = state;
            this.freeDay = freeDay;
        }
    }

    RegionLoader(DemoApi api, DemoTokens tokens, Parallel parallel, Runnable endExpiredAgreements) {
        this.api = api;
        this.tokens = tokens;
        this.parallel = parallel;
        this.endExpiredAgreements = endExpiredAgreements;
    }

    DemoRegion load() {
        tenant = api.post(tokens.operator(), "/v1/cooperatives", body("name", RegionPlan.COOPERATIVE,
                "slug", "zorgpool-achterhoek", "region", "Achterhoek")).id();
        admin = tokens.admin(tenant);
        api.patch(admin, "/v1/settings", body("serviceFeeCentsPerHour", 300, "minHomeEmployerSharePercent", 50));
        loadMembers();
        loadWorkers();
        planLendings();
        loadPools();
        loadHomeRosters();
        parallel.each(lendings, this::loadAgreement);
        endExpiredAgreements.run();
        parallel.each(lendings.stream().filter(l -> l.state.equals("ACTIVE")).toList(), this::loadShifts);
        loadStaffingRequests();
        loadInternships();
        settlePreviousMonth();
        return new DemoRegion(tenant, memberIds.get(plan.workers.get(sample.worker).member()),
                workerIds.get(sample.worker), Map.copyOf(counts.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()))));
    }

    private void count(String what) {
        counts.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    private void loadMembers() {
        memberIds.addAll(parallel.map(plan.members, m -> {
            count("members");
            return api.post(admin, "/v1/members", body("name", m.name(), "kvkNumber", m.kvkNumber(),
                    "agbCode", m.agbCode(), "sector", m.sector().toString(), "caoRuleSetCode", m.caoRuleSetCode(),
                    "postcode", m.postcode(), "iban", m.iban(), "joinedOn", "2025-01-01")).id();
        }));
    }

    private void loadWorkers() {
        workerIds.addAll(parallel.map(plan.workers, w -> {
            count("workers");
            return api.post(admin, "/v1/workers", body("givenName", w.givenName(), "familyName", w.familyName(),
                    "email", w.email(), "employerMemberId", memberIds.get(w.member()).toString(),
                    "qualifications", List.of(body("role", w.role().toString(), "bigNumber", w.bigNumber())),
                    "contractHoursPerWeek", w.contractHours(),
                    "contractType", w.indefinite() ? "INDEFINITE" : "FIXED_TERM",
                    "hourlyCostCents", w.hourlyCostCents(), "postcode", w.postcode())).id();
        }));
    }

    /**
     * Which workers are lent, to whom, and how far each agreement got: every other suitable worker, to the next
     * member of a sector that employs the role, in the states of a real cooperative's register.
     */
    private void planLendings() {
        String[] states = {"ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "ENDED", "TERMINATED",
                "CANCELLED", "PROPOSED", "DRAFT"};
        int n = 0;
        for (int w = 0; w < plan.workers.size() && lendings.size() < 60; w += 3) {
            RegionPlan.WorkerSpec worker = plan.workers.get(w);
            if (worker.role() == QualificationRole.HUISARTS || worker.contractHours() < 24) {
                continue;
            }
            int borrower = borrowerFor(worker);
            if (borrower < 0) {
                continue;
            }
            lendings.add(new Lending(w, borrower, states[n % states.length], DayOfWeek.of(1 + (w % 5))));
            n++;
        }
    }

    private int borrowerFor(RegionPlan.WorkerSpec worker) {
        for (int step = 1; step < plan.members.size(); step++) {
            int candidate = (worker.member() + step) % plan.members.size();
            if (plan.members.get(candidate).roles().contains(worker.role())
                    && plan.members.get(candidate).sector() != Sector.GP_ORGANISATION) {
                return candidate;
            }
        }
        return -1;
    }

    private void loadPools() {
        Map<String, List<QualificationRole>> pools = new LinkedHashMap<>();
        pools.put("Flexpool doktersassistenten", List.of(QualificationRole.DOKTERSASSISTENT, QualificationRole.TRIAGIST));
        pools.put("Flexpool praktijkondersteuners", List.of(QualificationRole.POH_SOMATIEK, QualificationRole.POH_GGZ));
        pools.put("Flexpool zorg en verpleging", List.of(QualificationRole.VERZORGENDE_IG, QualificationRole.VERPLEEGKUNDIGE,
                QualificationRole.VERPLEEGKUNDIG_SPECIALIST));
        pools.put("Waarneempool huisartsen", List.of(QualificationRole.HUISARTS));
        List<Object[]> memberships = new ArrayList<>();
        for (Map.Entry<String, List<QualificationRole>> pool : pools.entrySet()) {
            count("pools");
            UUID poolId = api.post(admin, "/v1/pools", body("name", pool.getKey(),
                    "allowedRoles", pool.getValue().stream().map(Enum::toString).toList())).id();
            for (int w = 0; w < plan.workers.size(); w++) {
                if (pool.getValue().contains(plan.workers.get(w).role()) && (w % 2 == 0 || isLent(w))) {
                    memberships.add(new Object[] {poolId, w});
                }
            }
        }
        parallel.each(memberships, m -> {
            int w = (int) m[1];
            count("poolMemberships");
            api.post(admin, "/v1/pools/" + m[0] + "/memberships", body("workerId", workerIds.get(w).toString(),
                    "kind", isLent(w) ? "FLEX" : "FIXED_BASE", "from", firstMonday.minusWeeks(30).toString(),
                    "maxHoursPerWeek", 16));
        });
    }

    private boolean isLent(int worker) {
        return lendings.stream().anyMatch(l -> l.worker == worker);
    }

    private Lending lendingOf(int worker) {
        return lendings.stream().filter(l -> l.worker == worker && !l.state.equals("ENDED")).findFirst().orElse(null);
    }

    /** Eight weeks of each worker's home roster: the contract hours, less the hours lent, on fixed weekdays. */
    private void loadHomeRosters() {
        List<Integer> all = java.util.stream.IntStream.range(0, plan.workers.size()).boxed().toList();
        parallel.each(all, w -> {
            RegionPlan.WorkerSpec worker = plan.workers.get(w);
            Lending lending = lendingOf(w);
            int minutes = (worker.contractHours() - (lending == null ? 0 : LENT_HOURS)) * 60;
            int days = Math.max(1, (minutes + 9 * 60 - 1) / (9 * 60));
            int perDay = minutes / days;
            List<DayOfWeek> homeDays = new ArrayList<>();
            for (int d = 0; homeDays.size() < days && d < 7; d++) {
                DayOfWeek day = DayOfWeek.of(1 + (w + d) % 5);
                if ((lending == null || day != lending.freeDay) && !homeDays.contains(day)) {
                    homeDays.add(day);
                }
            }
            List<Map<String, Object>> shifts = new ArrayList<>();
            for (int week = 0; week < WEEKS; week++) {
                for (DayOfWeek day : homeDays) {
                    LocalDate date = firstMonday.plusWeeks(week).with(TemporalAdjusters.nextOrSame(day));
                    int breakMinutes = perDay > 330 ? 30 : 0;
                    ZonedDateTime start = date.atTime(8, 0).atZone(ZONE);
                    shifts.add(body("externalId", "rooster-" + date + "-" + w, "startsAt", instant(start),
                            "endsAt", instant(start.plusMinutes(perDay + breakMinutes)), "breakMinutes", breakMinutes));
                }
            }
            counts.computeIfAbsent("homeShifts", k -> new AtomicInteger()).addAndGet(shifts.size());
            api.put(admin, "/v1/workers/" + workerIds.get(w) + "/home-shifts?from="
                    + encode(instant(firstMonday.atStartOfDay(ZONE))) + "&to="
                    + encode(instant(firstMonday.plusWeeks(WEEKS).atStartOfDay(ZONE))), body("shifts", shifts));
        });
    }

    private void loadAgreement(Lending lending) {
        RegionPlan.WorkerSpec worker = plan.workers.get(lending.worker);
        boolean ended = lending.state.equals("ENDED");
        LocalDate start = ended ? firstMonday.minusWeeks(30) : firstMonday.minusWeeks(4);
        String path = "/v1/loan-agreements";
        UUID id = api.post(admin, path, body("lenderMemberId", memberIds.get(worker.member()).toString(),
                "borrowerMemberId", memberIds.get(lending.borrower).toString(),
                "workerId", workerIds.get(lending.worker).toString(), "role", worker.role().toString(),
                "startDate", start.toString(), "endDate", ended ? firstMonday.minusDays(1).toString() : null,
                "hoursPerWeek", LENT_HOURS, "tariffCentsPerHour", worker.hourlyCostCents(),
                "waadiRegime", "COLLEGIAL_NO_PROFIT")).id();
        lending.agreementId = id;
        count("agreements." + lending.state);
        path += "/" + id;
        if (lending.state.equals("DRAFT")) {
            return;
        }
        api.act(admin, path + "/propose", body());
        api.act(admin, path + "/approvals", body("side", "LENDER"));
        if (lending.state.equals("PROPOSED")) {
            return;
        }
        if (lending.state.equals("CANCELLED")) {
            api.act(admin, path + "/cancel", body("reason", "De lenende praktijk heeft zelf iemand aangenomen."));
            return;
        }
        api.act(admin, path + "/approvals", body("side", "BORROWER"));
        api.act(admin, path + "/worker-consent", body("consentedOn", start.minusDays(7).toString(),
                "method", "SIGNED_FORM"));
        if (lending.state.equals("TERMINATED")) {
            api.act(admin, path + "/terminate", body("reason", "Reorganisatie bij de uitlenende werkgever.",
                    "effectiveDate", today.toString()));
        }
    }

    /** One shift a week on the worker's free weekday; the past ones worked, a few missed or cancelled. */
    private void loadShifts(Lending lending) {
        String postcode = plan.members.get(lending.borrower).postcode();
        int index = lendings.indexOf(lending);
        for (int week = 0; week < WEEKS; week++) {
            LocalDate date = firstMonday.plusWeeks(week).with(TemporalAdjusters.nextOrSame(lending.freeDay));
            ZonedDateTime start = date.atTime(8, 0).atZone(ZONE);
            place(lending, start, start.plusHours(8).plusMinutes(30), 30, postcode, null, index + week);
        }
        if (index % 7 == 0) {
            LocalDate homeDay = firstMonday.plusWeeks(2).with(TemporalAdjusters.nextOrSame(
                    lending.freeDay == DayOfWeek.FRIDAY ? DayOfWeek.MONDAY : lending.freeDay.plus(1)));
            ZonedDateTime evening = homeDay.atTime(18, 30).atZone(ZONE);
            place(lending, evening, evening.plusHours(4), 0, postcode,
                    "Griepgolf: extra avonddienst, met de werknemer en beide werkgevers afgesproken.", index);
        }
    }

    private void place(Lending lending, ZonedDateTime start, ZonedDateTime end, int breakMinutes, String postcode,
                       String overrideReason, int variation) {
        Answer created = api.post(admin, "/v1/placements", body("agreementId", lending.agreementId.toString(),
                "startsAt", instant(start), "endsAt", instant(end), "breakMinutes", breakMinutes,
                "locationPostcode", postcode, "overrideReason", overrideReason));
        if (created.body().has("ruleOverride")) {
            count("placements.overridden");
        }
        String path = "/v1/placements/" + created.id();
        boolean past = end.toLocalDate().isBefore(today);
        if (variation % 23 == 5) {
            api.act(admin, path + "/cancel", body("reason", "Borrower closed the practice for the day."));
            count("placements.CANCELLED");
            return;
        }
        if (!past) {
            if (start.toLocalDate().isBefore(today.plusWeeks(1))) {
                api.act(admin, path + "/confirm", body());
                count("placements.CONFIRMED");
            } else {
                count("placements.PLANNED");
            }
            return;
        }
        api.act(admin, path + "/confirm", body());
        if (variation % 29 == 3) {
            api.act(admin, path + "/no-show", body());
            count("placements.NO_SHOW");
            return;
        }
        ZonedDateTime actualEnd = variation % 4 == 0 ? end.plusMinutes(15) : end;
        api.act(admin, path + "/complete", body("actualStartsAt", instant(start), "actualEndsAt", instant(actualEnd),
                "breakMinutes", breakMinutes));
        count("placements.COMPLETED");
    }

    /**
     * Requests for help: shifts after the rostered weeks offered to a worker already lent to the member (filled,
     * accepted, offered, declined), long absences nobody answered yet, and one the member cancelled.
     */
    private void loadStaffingRequests() {
        List<Lending> active = lendings.stream().filter(l -> l.state.equals("ACTIVE")).toList();
        String[] outcomes = {"FILLED", "FILLED", "ACCEPTED", "OFFERED", "DECLINED", "CANCELLED"};
        for (int i = 0; i < outcomes.length; i++) {
            Lending lending = active.get(active.size() - 1 - i);
            RegionPlan.WorkerSpec worker = plan.workers.get(lending.worker);
            UUID borrower = memberIds.get(lending.borrower);
            List<Map<String, Object>> shifts = new ArrayList<>();
            for (int week = WEEKS; week < WEEKS + 2; week++) {
                LocalDate date = firstMonday.plusWeeks(week).with(TemporalAdjusters.nextOrSame(lending.freeDay));
                ZonedDateTime start = date.atTime(8, 0).atZone(ZONE);
                shifts.add(body("startsAt", instant(start), "endsAt", instant(start.plusHours(8).plusMinutes(30)),
                        "breakMinutes", 30));
            }
            UUID request = api.post(admin, "/v1/staffing-requests", body("memberId", borrower.toString(),
                    "role", worker.role().toString(), "kind", "SHIFTS", "shifts", shifts,
                    "locationPostcode", plan.members.get(lending.borrower).postcode(),
                    "maxTariffCentsPerHour", worker.hourlyCostCents(),
                    "notes", "Vervanging tijdens vakantie van de vaste kracht.")).id();
            count("staffingRequests");
            String path = "/v1/staffing-requests/" + request;
            if (i == 0) {
                sample = lending;
            }
            if (outcomes[i].equals("CANCELLED")) {
                api.act(admin, path + "/cancel", body("reason", "De vaste kracht schuift haar vakantie op."));
                continue;
            }
            JsonNode offers = api.post(admin, path + "/offers",
                    body("workerIds", List.of(workerIds.get(lending.worker).toString()))).body();
            count("offers");
            UUID offer = UUID.fromString(offers.path("data").path(0).path("id").asText(offers.path("id").asText()));
            String workerToken = tokens.worker(tenant, workerIds.get(lending.worker));
            switch (outcomes[i]) {
                case "FILLED" -> {
                    api.act(workerToken, "/v1/offers/" + offer + "/accept", null);
                    api.act(admin, "/v1/offers/" + offer + "/release", null);
                    counts.computeIfAbsent("placements.fromOffers", k -> new AtomicInteger()).addAndGet(shifts.size());
                }
                case "ACCEPTED" -> api.act(workerToken, "/v1/offers/" + offer + "/accept", null);
                case "DECLINED" -> api.act(workerToken, "/v1/offers/" + offer + "/decline", null);
                default -> { }
            }
        }
        String[][] coverage = {{"SICK_LEAVE_COVER", "VERZORGENDE_IG"}, {"PARENTAL_LEAVE_COVER", "DOKTERSASSISTENT"}};
        for (int i = 0; i < coverage.length; i++) {
            int member = coverage[i][1].equals("VERZORGENDE_IG") ? memberOfSector(Sector.ELDERLY_CARE) : 1 + i;
            api.post(admin, "/v1/staffing-requests", body("memberId", memberIds.get(member).toString(),
                    "role", coverage[i][1], "kind", "COVERAGE", "reason", coverage[i][0],
                    "startDate", today.plusWeeks(2).toString(), "endDate", today.plusWeeks(14).toString(),
                    "hoursPerWeek", 16, "locationPostcode", plan.members.get(member).postcode()));
            count("staffingRequests");
        }
    }

    private int memberOfSector(Sector sector) {
        for (int m = 0; m < plan.members.size(); m++) {
            if (plan.members.get(m).sector() == sector) {
                return m;
            }
        }
        throw new IllegalStateException("No member of sector " + sector);
    }

    /** Practices offer places; the coordinator shares applicants, who are at every step of the way. */
    private void loadInternships() {
        String[][] offers = {{"DOKTERSASSISTENT", "BOL"}, {"DOKTERSASSISTENT", "BBL"}, {"POH_SOMATIEK", "BBL"},
                {"POH_GGZ", "BOL"}};
        List<UUID> offerIds = new ArrayList<>();
        List<Integer> offerMembers = new ArrayList<>();
        for (int i = 0; i < offers.length; i++) {
            int member = 2 + 3 * i;
            offerMembers.add(member);
            offerIds.add(api.post(admin, "/v1/internship-offers", body("memberId", memberIds.get(member).toString(),
                    "role", offers[i][0], "track", offers[i][1], "startDate", today.plusMonths(2).withDayOfMonth(1).toString(),
                    "endDate", today.plusMonths(7).withDayOfMonth(1).minusDays(1).toString(), "hoursPerWeek", 24,
                    "places", 2, "supervisorName", "Praktijkopleider " + (i + 1))).id());
            count("internshipOffers");
        }
        String[] schools = {"Graafschap College", "ROC van Twente", "Saxion Hogeschool", "Hogeschool Arnhem Nijmegen"};
        String[] steps = {"ACCEPTED", "OFFERED", "INTERVIEW", "SHARED", "DECLINED", "WITHDRAWN", "SHARED", "NONE",
                "NONE", "NONE"};
        for (int a = 0; a < steps.length; a++) {
            RegionPlan.WorkerSpec name = plan.workers.get(299 - 7 * a);
            UUID applicant = api.post(admin, "/v1/internship-applicants", body("givenName", name.givenName(),
                    "familyName", name.familyName(), "school", schools[a % schools.length],
                    "programme", a % 2 == 0 ? "Doktersassistent niveau 4" : "Praktijkondersteuner",
                    "studyYear", 1 + a % 3,
                    "sharingConsent", body("givenOn", today.minusDays(20 - a).toString(), "method", "SIGNED_FORM"))).id();
            count("internshipApplicants");
            if (steps[a].equals("NONE")) {
                continue;
            }
            int offer = a % offerIds.size();
            String shares = "/v1/internship-applicants/" + applicant + "/shares";
            UUID share = api.post(admin, shares, body("memberId", memberIds.get(offerMembers.get(offer)).toString(),
                    "offerId", offerIds.get(offer).toString())).id();
            count("internshipShares");
            String path = shares + "/" + share;
            switch (steps[a]) {
                case "ACCEPTED" -> {
                    api.act(admin, path + "/offer", null);
                    api.act(admin, path + "/accept", null);
                }
                case "OFFERED" -> api.act(admin, path + "/offer", null);
                case "INTERVIEW" -> api.act(admin, path + "/interview", null);
                case "DECLINED" -> {
                    api.act(admin, path + "/interview", null);
                    api.act(admin, path + "/decline", null);
                }
                case "WITHDRAWN" -> api.act(admin, path + "/withdraw", null);
                default -> { }
            }
        }
    }

    private void settlePreviousMonth() {
        String period = today.minusMonths(1).toString().substring(0, 7);
        Answer settlement = api.post(admin, "/v1/settlements", body("period", period));
        api.act(admin, "/v1/settlements/" + settlement.id() + "/close", null);
        count("settlements.CLOSED");
    }

    private static String instant(ZonedDateTime time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A JSON object of name-value pairs; null values are left out. */
    static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                body.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return body;
    }
}
