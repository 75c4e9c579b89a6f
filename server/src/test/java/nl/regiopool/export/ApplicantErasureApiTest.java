package nl.regiopool.export;

import static nl.regiopool.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.api.AuditApi;
import nl.regiopool.client.api.DataExportApi;
import nl.regiopool.client.api.InternshipsApi;
import nl.regiopool.client.model.ApplicantDataExport;
import nl.regiopool.client.model.ApplicantErasure;
import nl.regiopool.client.model.AuditVerification;
import nl.regiopool.client.model.InternshipApplicant;
import nl.regiopool.client.model.InternshipApplicantCreate;
import nl.regiopool.client.model.InternshipApplicantPatch;
import nl.regiopool.client.model.InternshipDocument;
import nl.regiopool.client.model.InternshipDocumentKind;
import nl.regiopool.client.model.InternshipOffer;
import nl.regiopool.client.model.InternshipOfferCreate;
import nl.regiopool.client.model.InternshipRole;
import nl.regiopool.client.model.InternshipShare;
import nl.regiopool.client.model.InternshipShareCreate;
import nl.regiopool.client.model.InternshipTrack;
import nl.regiopool.client.model.SharingConsent;
import nl.regiopool.client.model.SharingConsentMethod;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApplicantErasureApiTest extends ApiTest {

    private static final LocalDate SEPTEMBER = LocalDate.of(2027, 9, 1);

    /** Distinct in every test, so that one test's applicant is not found in another's search. */
    private final String mark = ThreadLocalRandom.current().ints(8, 'a', 'z' + 1)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    private final String given = "Femke" + mark;
    private final String family = "Hoogstraten-Ulft" + mark;
    private final String email = "f.hoogstraten." + mark + "@student.example.nl";
    private final String phone = "+31 6 " + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);

    private UUID tenant;
    private UUID practice;
    private InternshipsApi coordinator;
    private InternshipsApi practiceUser;
    private DataExportApi admin;
    private InternshipApplicant applicant;
    private UUID document;

    @BeforeEach
    void anApplicantWithDocuments() throws Exception {
        tenant = newCooperative();
        practice = newMember(tenant, "Huisartsenpraktijk De Linde").getId();
        coordinator = new InternshipsApi(TestApp.client(TestApp.adminToken(tenant)));
        practiceUser = new InternshipsApi(TestApp.client(TestApp.memberToken(tenant, practice)));
        admin = new DataExportApi(TestApp.client(TestApp.adminToken(tenant)));
        applicant = coordinator.createInternshipApplicant(new InternshipApplicantCreate().givenName(given)
                .familyName(family).email(email).phone(phone).school("Graafschap College")
                .programme("Doktersassistent niveau 4").studyYear(2)
                .sharingConsent(new SharingConsent().givenOn(LocalDate.of(2027, 6, 1))
                        .method(SharingConsentMethod.SIGNED_FORM)), "create-" + mark);
        document = coordinator.uploadInternshipDocument(applicant.getId(), InternshipDocumentKind.CV,
                pdf("cv " + given + ".pdf"), null).getId();
        coordinator.updateInternshipApplicant(applicant.getId(), "*",
                new InternshipApplicantPatch().phone(phone), null);
    }

    @Test
    void theExportHoldsTheApplicantHerDocumentsSharesAndHistory() throws Exception {
        InternshipShare share = coordinator.createInternshipShare(applicant.getId(),
                new InternshipShareCreate().memberId(practice), null);
        practiceUser.downloadInternshipDocument(applicant.getId(), document);

        ApplicantDataExport export = admin.getInternshipApplicantDataExport(applicant.getId());

        assertThat(export.getApplicant().getEmail()).isEqualTo(email);
        assertThat(export.getApplicant().getPhone()).isEqualTo(phone);
        assertThat(export.getDocuments()).extracting(InternshipDocument::getId).containsExactly(document);
        assertThat(export.getShares()).extracting(InternshipShare::getId).containsExactly(share.getId());
        assertThat(export.getDownloads()).singleElement()
                .satisfies(download -> assertThat(download.getMemberId()).isEqualTo(practice));
        assertThat(export.getInternships()).isEmpty();
        assertThat(export.getAuditEvents()).isNotEmpty();
        expectProblem(404, () -> new DataExportApi(TestApp.client(TestApp.adminToken(newCooperative())))
                .getInternshipApplicantDataExport(applicant.getId()));
    }

    @Test
    void anErasedApplicantIsNowhereInTheDatabaseAndTheChainStillVerifies() throws Exception {
        InternshipShare share = coordinator.createInternshipShare(applicant.getId(),
                new InternshipShareCreate().memberId(practice), null);
        practiceUser.declineInternshipShare(applicant.getId(), share.getId(), "*", null);
        assertThat(EveryColumn.holding(given)).isNotEmpty();

        ApplicantErasure erasure = admin.eraseInternshipApplicant(applicant.getId(), "erase-" + mark);

        assertThat(erasure.getApplicantId()).isEqualTo(applicant.getId());
        assertThat(erasure.getDocumentsDeleted()).isOne();
        assertThat(EveryColumn.holding(given)).isEmpty();
        assertThat(EveryColumn.holding(family)).isEmpty();
        assertThat(EveryColumn.holding(email)).isEmpty();
        assertThat(EveryColumn.holding(phone)).isEmpty();
        assertThat(count("SELECT count(*) FROM internship_document WHERE applicant_id = ?", applicant.getId())).isZero();
        assertThat(count("SELECT count(*) FROM internship_document_content WHERE document_id = ?", document)).isZero();
        expectProblem(404, () -> coordinator.getInternshipApplicant(applicant.getId()));
        expectProblem(404, () -> admin.eraseInternshipApplicant(applicant.getId(), null));

        AuditVerification verification = new AuditApi(TestApp.client(TestApp.auditorToken(tenant))).verifyAuditChain();
        assertThat(verification.getIntact()).isTrue();
        assertThat(verification.getRedactedEvents()).isGreaterThanOrEqualTo(erasure.getRedactedAuditEvents());
    }

    @Test
    void anApplicantWithAnOpenShareIsNotErasedAndNothingIsWritten() throws Exception {
        coordinator.createInternshipShare(applicant.getId(), new InternshipShareCreate().memberId(practice), null);
        Map<String, Long> before = allRowCounts();
        expectProblem(409, "APPLICANT_HAS_OPEN_SHARES", () -> admin.eraseInternshipApplicant(applicant.getId(), null));
        assertThat(allRowCounts()).isEqualTo(before);
        assertThat(coordinator.getInternshipApplicant(applicant.getId()).getGivenName()).isEqualTo(given);
    }

    @Test
    void anApplicantWithAnInternshipToComeIsNotErased() throws Exception {
        InternshipOffer offer = practiceUser.createInternshipOffer(new InternshipOfferCreate().memberId(practice)
                .role(InternshipRole.DOKTERSASSISTENT).track(InternshipTrack.BOL).startDate(SEPTEMBER)
                .endDate(SEPTEMBER.plusMonths(5)).hoursPerWeek(32).places(1).supervisorName("Dr. Jansen"), null);
        InternshipShare share = coordinator.createInternshipShare(applicant.getId(),
                new InternshipShareCreate().memberId(practice).offerId(offer.getId()), null);
        String tag = coordinator.offerInternshipShareWithHttpInfo(applicant.getId(), share.getId(), "*", null)
                .getHeaders().get("etag").get(0);
        practiceUser.acceptInternshipShare(applicant.getId(), share.getId(), tag, null);
        Map<String, Long> before = allRowCounts();
        expectProblem(409, "APPLICANT_IN_INTERNSHIP", () -> admin.eraseInternshipApplicant(applicant.getId(), null));
        assertThat(allRowCounts()).isEqualTo(before);
    }

    @Test
    void anotherCooperativesApplicantIsNotFound() throws Exception {
        DataExportApi otherAdmin = new DataExportApi(TestApp.client(TestApp.adminToken(newCooperative())));
        expectProblem(404, () -> otherAdmin.eraseInternshipApplicant(applicant.getId(), null));
        expectProblem(403, () -> new DataExportApi(TestApp.client(TestApp.memberToken(tenant, practice)))
                .eraseInternshipApplicant(applicant.getId(), null));
        assertThat(coordinator.getInternshipApplicant(applicant.getId()).getEmail()).isEqualTo(email);
    }

    private static long count(String sql, UUID id) throws Exception {
        try (Connection connection = TestApp.superuserConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static File pdf(String name) throws Exception {
        Path dir = Files.createTempDirectory("regiopool-erasure");
        Path file = dir.resolve(name);
        Files.write(file, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
                .getBytes(StandardCharsets.US_ASCII));
        // deleted at exit in the reverse order: the file, then its folder
        dir.toFile().deleteOnExit();
        file.toFile().deleteOnExit();
        return file.toFile();
    }
}
