package nl.regiopool.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nl.regiopool.api.model.QualificationRole;
import nl.regiopool.api.model.Sector;
import org.iban4j.CountryCode;
import org.iban4j.Iban;

/**
 * The demo region as plain values, the same for the same seed: one cooperative's members and workers. Worker
 * names pair common Dutch given names with common family names, so they name no real person on purpose.
 */
final class RegionPlan {

    static final String COOPERATIVE = "Zorgpool Achterhoek";

    private static final String[] GIVEN = {"Anna", "Sanne", "Lotte", "Emma", "Julia", "Sophie", "Lisa", "Eva",
            "Fleur", "Iris", "Noor", "Anouk", "Maud", "Femke", "Ilse", "Marloes", "Esther", "Ingrid", "Monique",
            "Petra", "Miriam", "Karin", "Linda", "Wendy", "Bart", "Thijs", "Daan", "Ruben", "Jeroen", "Mark",
            "Sander", "Niels", "Joost", "Wouter", "Erik", "Martijn", "Hanneke", "Gerda", "Mieke", "Yvonne"};
    private static final String[] FAMILY = {"Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit",
            "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
            "Brouwer", "de Wit", "Dijkstra", "Smits", "Kok", "Jacobs", "Vermeulen", "van Dijk", "Willems",
            "Schouten", "Hoekstra", "Koster", "Prins", "Huisman", "Wevers", "Lensink", "Rouwenhorst", "Nijhof",
            "Te Brake", "Wolters", "Harmsen", "Klein Gunnewiek", "Ebbers", "Heutinck"};
    private static final String[] TOWNS = {"Doetinchem", "Winterswijk", "Groenlo", "Lichtenvoorde", "Aalten",
            "Borculo", "Eibergen", "Neede", "Ruurlo", "Vorden", "Zelhem", "Hengelo", "Terborg", "Ulft",
            "Dinxperlo", "Lochem", "Varsseveld", "Gaanderen"};
    private static final String[] POSTCODES = {"7001", "7101", "7141", "7131", "7121", "7271", "7151", "7161",
            "7261", "7251", "7021", "7255", "7061", "7071", "7091", "7241", "7051", "7011"};
    private static final String[] BANKS = {"RABO", "ABNA", "INGB"};

    record MemberSpec(String name, Sector sector, String kvkNumber, String agbCode, String postcode, String iban,
                      String caoRuleSetCode, int workers, List<QualificationRole> roles) {
    }

    record WorkerSpec(String givenName, String familyName, int member, QualificationRole role, String bigNumber,
                      int contractHours, boolean indefinite, int hourlyCostCents, String postcode) {
        String email() {
            return (givenName + "." + familyName).toLowerCase(java.util.Locale.ROOT).replace(' ', '.')
                    + "@demo.example.org";
        }
    }

    final List<MemberSpec> members = new ArrayList<>();
    final List<WorkerSpec> workers = new ArrayList<>();
    private final Random random;

    RegionPlan(long seed) {
        this.random = new Random(seed);
        planMembers();
        planWorkers();
    }

    private void planMembers() {
        List<QualificationRole> gp = List.of(QualificationRole.DOKTERSASSISTENT, QualificationRole.DOKTERSASSISTENT,
                QualificationRole.DOKTERSASSISTENT, QualificationRole.POH_SOMATIEK, QualificationRole.POH_GGZ,
                QualificationRole.TRIAGIST, QualificationRole.HUISARTS);
        List<QualificationRole> care = List.of(QualificationRole.VERZORGENDE_IG, QualificationRole.VERZORGENDE_IG,
                QualificationRole.VERPLEEGKUNDIGE);
        member("Huisartsencoöperatie Achterhoek", Sector.GP_ORGANISATION, 0, "01", "CAO_HUISARTSENZORG", 15,
                List.of(QualificationRole.TRIAGIST, QualificationRole.DOKTERSASSISTENT, QualificationRole.HUISARTS));
        for (int i = 0; i < 17; i++) {
            String suffix = i < TOWNS.length && i % 3 != 2 ? "" : i % 2 == 0 ? "-Oost" : "-West";
            member("Huisartsenpraktijk " + TOWNS[i % TOWNS.length] + suffix, Sector.GP_PRACTICE, i % TOWNS.length, "01",
                    "CAO_HUISARTSENZORG", 6, gp);
        }
        String[] homes = {"De Beukenhof", "Het Hoge Veld", "De Lindehof", "Huize Zonneweide", "De Sprengen"};
        for (int i = 0; i < homes.length; i++) {
            member("Woonzorgcentrum " + homes[i], Sector.ELDERLY_CARE, 2 * i + 1, "73", null, 25, care);
        }
        member("Streekziekenhuis Achterhoek", Sector.HOSPITAL, 0, "06", null, 40,
                List.of(QualificationRole.VERPLEEGKUNDIGE, QualificationRole.VERPLEEGKUNDIGE,
                        QualificationRole.VERPLEEGKUNDIG_SPECIALIST));
        member("GGZ Oost-Achterhoek", Sector.MENTAL_HEALTH, 1, "22", null, 18,
                List.of(QualificationRole.POH_GGZ, QualificationRole.VERPLEEGKUNDIGE));
    }

    private void member(String name, Sector sector, int town, String agbPrefix, String cao, int workers,
                        List<QualificationRole> roles) {
        int n = members.size();
        String kvk = String.valueOf(60_000_000 + 104_729 * (n + 1));
        String agb = agbPrefix + String.format("%06d", 10_000 + 7_919 * (n + 1) % 989_999);
        String postcode = POSTCODES[town] + " " + (char) ('A' + n % 26) + (char) ('B' + (n * 7) % 24);
        String iban = new Iban.Builder().countryCode(CountryCode.NL).bankCode(BANKS[n % BANKS.length])
                .accountNumber(String.format("%010d", 1_000_000_000L + 7_654_321L * (n + 1))).build().toString();
        members.add(new MemberSpec(name, sector, kvk, agb, postcode, iban, cao, workers, roles));
    }

    private void planWorkers() {
        int[] hours = {16, 24, 24, 32, 32, 36};
        for (int m = 0; m < members.size(); m++) {
            MemberSpec member = members.get(m);
            for (int i = 0; i < member.workers(); i++) {
                QualificationRole role = member.roles().get(i % member.roles().size());
                String given = GIVEN[random.nextInt(GIVEN.length)];
                String family = FAMILY[random.nextInt(FAMILY.length)];
                String big = role == QualificationRole.VERPLEEGKUNDIGE || role == QualificationRole.VERPLEEGKUNDIG_SPECIALIST
                        || role == QualificationRole.HUISARTS
                        ? String.format("%011d", 19_000_000_000L + random.nextInt(900_000_000)) : null;
                int contract = hours[random.nextInt(hours.length)];
                workers.add(new WorkerSpec(given, family, m, role, big, contract, random.nextInt(10) > 0,
                        costCents(role) + 25 * random.nextInt(20), member.postcode()));
            }
        }
    }

    /** Employer cost per hour, roughly the CAO scale plus employer charges. */
    private static int costCents(QualificationRole role) {
        return switch (role) {
            case HUISARTS -> 9_500;
            case VERPLEEGKUNDIG_SPECIALIST -> 6_200;
            case POH_SOMATIEK, POH_GGZ -> 4_600;
            case VERPLEEGKUNDIGE -> 4_300;
            case TRIAGIST -> 3_700;
            case PRAKTIJKMANAGER -> 4_800;
            case VERZORGENDE_IG -> 3_300;
            default -> 3_150;
        };
    }
}
