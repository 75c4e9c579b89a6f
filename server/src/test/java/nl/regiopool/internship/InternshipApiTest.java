package nl.regiopool.internship;

import static nl.regiopool.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.regiopool.RegiopoolApplication;
import nl.regiopool.client.ApiException;
import nl.regiopool.client.ApiResponse;
import nl.regiopool.client.api.AuditApi;
import nl.regiopool.client.api.InternshipsApi;
import nl.regiopool.client.model.InternshipApplicant;
import nl.regiopool.client.model.InternshipApplicantCreate;
import nl.regiopool.client.model.InternshipDocument;
import nl.regiopool.client.model.InternshipDocumentDownload;
import nl.regiopool.client.model.InternshipDocumentKind;
import nl.regiopool.client.model.InternshipOffer;
import nl.regiopool.client.model.InternshipOfferCreate;
import nl.regiopool.client.model.InternshipOfferStatus;
import nl.regiopool.client.model.InternshipReportRow;
import nl.regiopool.client.model.InternshipRole;
import nl.regiopool.client.model.InternshipShare;
import nl.regiopool.client.model.InternshipShareCreate;
import nl.regiopool.client.model.InternshipShareStatus;
import nl.regiopool.client.model.InternshipTrack;
import nl.regiopool.client.model.SharingConsent;
import nl.regiopool.client.model.SharingConsentMethod;
import nl.regiopool.testing.ApiTest;
import nl.regiopool.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InternshipApiTest extends ApiTest {

    private static final LocalDate SEPTEMBER = LocalDate.of(2027, 9, 1);

    private UUID tenant;
    private UUID deLinde;
    private UUID hetAnker;
    private UUID deBrug;
    private InternshipsApi coordinator;
    private InternshipsApi lindeUser;
    private InternshipsApi ankerUser;
    private InternshipsApi brugUser;

    @BeforeEach
    void cooperative() throws ApiException {
        tenant = newCooperative();
        deLinde = newMember(tenant, "Huisartsenpraktijk De Linde").getId();
        hetAnker = newMember(tenant, "Huisartsenpraktijk Het Anker").getId();
        deBrug = newMember(tenant, "Huisartsenpraktijk De Brug").getId();
        coordinator = new InternshipsApi(TestApp.client(TestApp.adminToken(tenant)));
        lindeUser = new InternshipsApi(TestApp.client(TestApp.memberToken(tenant, deLinde)));
        ankerUser = new InternshipsApi(TestApp.client(TestApp.memberToken(tenant, hetAnker)));
        brugUser = new InternshipsApi(TestApp.client(TestApp.memberToken(tenant, deBrug)));
    }

    /**
     * HZOIJ's flow: the coordinator registers a student with consent, uploads her CV (PDF) and motivation letter
     * (DOCX) and shares her with two practices; one downloads the CV (recorded), the other never sees her
     * documents, a third gets 404; the first accepts and fills the offer's last place while a concurrent second
     * acceptance is refused; the retention job erases a declined applicant after the configured days and the
     * audit chain still verifies.
     */
    @Test
    void theStagepuntFlow() throws Exception {
        InternshipOffer offer = lindeUser.createInternshipOffer(offer(deLinde, 1), null);
        assertThat(offer.getStatus()).isEqualTo(InternshipOfferStatus.OPEN);
        assertThat(brugUser.getInternshipOffer(offer.getId()).getPlaces()).as("every member sees every offer").isEqualTo(1);

        InternshipApplicant sanne = coordinator.createInternshipApplicant(applicant("Sanne", "Graafschap College"), null);
        InternshipDocument cv = coordinator.uploadInternshipDocument(sanne.getId(), InternshipDocumentKind.CV,
                Documents.file("cv Sanne.pdf", Documents.pdf()), null);
        InternshipDocument letter = coordinator.uploadInternshipDocument(sanne.getId(),
                InternshipDocumentKind.MOTIVATION_LETTER, Documents.file("motivatie.docx", Documents.docx()), null);
        assertThat(cv.getContentType().getValue()).isEqualTo("application/pdf");
        assertThat(cv.getFileName()).isEqualTo("cv_Sanne.pdf");
        assertThat(cv.getSha256()).hasSize(64);
        assertThat(cv.getSizeBytes()).isEqualTo(Documents.pdf().length);
        assertThat(letter.getContentType().getValue()).endsWith("wordprocessingml.document");

        InternshipShare sanneAtLinde = coordinator.createInternshipShare(sanne.getId(),
                new InternshipShareCreate().memberId(deLinde).offerId(offer.getId()), null);
        InternshipShare sanneAtAnker = coordinator.createInternshipShare(sanne.getId(),
                new InternshipShareCreate().memberId(hetAnker), null);
        expectProblem(409, "ALREADY_SHARED", () -> coordinator.createInternshipShare(sanne.getId(),
                new InternshipShareCreate().memberId(hetAnker), null));

        ApiResponse<File> download = lindeUser.downloadInternshipDocumentWithHttpInfo(sanne.getId(), cv.getId());
        assertThat(Files.readAllBytes(download.getData().toPath())).isEqualTo(Documents.pdf());
        assertThat(download.getHeaders().get("content-type")).containsExactly("application/pdf");
        assertThat(download.getHeaders().get("x-content-type-options")).containsExactly("nosniff");
        assertThat(download.getHeaders().get("content-disposition"))
                .containsExactly("attachment; filename=\"cv_Sanne.pdf\"");
        assertThat(ankerUser.getInternshipApplicant(sanne.getId()).getGivenName()).isEqualTo("Sanne");
        List<InternshipDocumentDownload> downloads = coordinator.listInternshipDocumentDownloads(sanne.getId()).getData();
        assertThat(downloads).singleElement().satisfies(recorded -> {
            assertThat(recorded.getDocumentId()).isEqualTo(cv.getId());
            assertThat(recorded.getMemberId()).isEqualTo(deLinde);
        });

        expectProblem(404, () -> brugUser.getInternshipApplicant(sanne.getId()));
        expectProblem(404, () -> brugUser.listInternshipDocuments(sanne.getId()));
        expectProblem(404, () -> brugUser.downloadInternshipDocument(sanne.getId(), cv.getId()));
        assertThat(brugUser.listInternshipApplicants(null, null).getData()).isEmpty();
        assertThat(ankerUser.listInternshipShares(sanne.getId()).getData()).extracting(InternshipShare::getId)
                .containsExactly(sanneAtAnker.getId());

        // a second student is offered the same (last) place; both accept at once
        InternshipApplicant lotte = coordinator.createInternshipApplicant(applicant("Lotte", "Graafschap College"), null);
        InternshipShare lotteAtLinde = coordinator.createInternshipShare(lotte.getId(),
                new InternshipShareCreate().memberId(deLinde).offerId(offer.getId()), null);
        String sanneTag = offered(sanne.getId(), sanneAtLinde.getId());
        String lotteTag = offered(lotte.getId(), lotteAtLinde.getId());
        List<Integer> statuses = concurrentStatuses(2, index -> {
            if (index == 0) {
                lindeUser.acceptInternshipShare(sanne.getId(), sanneAtLinde.getId(), sanneTag, null);
            } else {
                lindeUser.acceptInternshipShare(lotte.getId(), lotteAtLinde.getId(), lotteTag, null);
            }
        });
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        InternshipOffer filled = coordinator.getInternshipOffer(offer.getId());
        assertThat(filled.getPlacesFilled()).isEqualTo(1);
        assertThat(filled.getStatus()).isEqualTo(InternshipOfferStatus.FILLED);
        assertThat(coordinator.listInternships(null, null).getData()).singleElement()
                .satisfies(internship -> {
                    assertThat(internship.getOfferId()).isEqualTo(offer.getId());
                    assertThat(internship.getMemberId()).isEqualTo(deLinde);
                    assertThat(internship.getSupervisorName()).isEqualTo("Dr. Jansen");
                });

        // a declined applicant is erased after the retention period
        InternshipApplicant noor = coordinator.createInternshipApplicant(applicant("Noor", "Aventus"), null);
        coordinator.uploadInternshipDocument(noor.getId(), InternshipDocumentKind.CV,
                Documents.file("cv.pdf", Documents.pdf()), null);
        InternshipShare noorAtAnker = coordinator.createInternshipShare(noor.getId(),
                new InternshipShareCreate().memberId(hetAnker), null);
        InternshipShare declined = ankerUser.declineInternshipShare(noor.getId(), noorAtAnker.getId(), "*", null);
        assertThat(declined.getStatus()).isEqualTo(InternshipShareStatus.DECLINED);
        assertThat(declined.getDecidedAt()).isNotNull();

        ApplicantRetention retention = ((RegiopoolApplication) TestApp.APP.getApplication()).applicantRetention();
        retention.runAt(Instant.now().plus(27, ChronoUnit.DAYS));
        assertThat(coordinator.getInternshipApplicant(noor.getId()).getGivenName()).isEqualTo("Noor");
        retention.runAt(Instant.now().plus(29, ChronoUnit.DAYS));
        expectProblem(404, () -> coordinator.getInternshipApplicant(noor.getId()));
        assertThat(count("SELECT count(*) FROM internship_document WHERE applicant_id = ?", noor.getId())).isZero();
        assertThat(count("SELECT count(*) FROM internship_applicant WHERE id = ? AND given_name IS NULL"
                + " AND erased_at IS NOT NULL", noor.getId())).isOne();
        // Sanne's share with Het Anker is still open: she is kept
        assertThat(coordinator.getInternshipApplicant(sanne.getId()).getGivenName()).isEqualTo("Sanne");

        assertThat(new AuditApi(TestApp.client(TestApp.adminToken(tenant))).verifyAuditChain().getIntact()).isTrue();
        assertThat(count("SELECT count(*) FROM audit_event WHERE tenant_id = ? AND (before::text LIKE '%Sanne%'"
                + " OR after::text LIKE '%Sanne%' OR after::text LIKE '%Graafschap%')", tenant))
                .as("no personal data in the audit log").isZero();

        List<InternshipReportRow> rows = coordinator.getInternshipReport(SEPTEMBER.minusMonths(1), SEPTEMBER.plusMonths(1))
                .getRows();
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.getQuarter()).isEqualTo("2027-Q3");
            assertThat(row.getRole()).isEqualTo(InternshipRole.DOKTERSASSISTENT);
            assertThat(row.getSchool()).isNull();
            assertThat(row.getPlacesOffered()).isEqualTo(1);
            assertThat(row.getPlacesFilled()).isEqualTo(1);
            assertThat(row.getPlacesOpen()).isZero();
        });
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.getSchool()).isEqualTo("Graafschap College");
            assertThat(row.getPlacesFilled()).isEqualTo(1);
        });
    }

    @Test
    void refusedInputWritesNothing() throws Exception {
        InternshipApplicant noConsent = coordinator.createInternshipApplicant(
                applicant("Eva", "Aventus").sharingConsent(null), null);
        InternshipApplicant sanne = coordinator.createInternshipApplicant(applicant("Sanne", "Aventus"), null);
        UUID stranger = newMember(newCooperative(), "Elders").getId();
        Map<String, Long> before = allRowCounts();

        expectProblem(415, "UNSUPPORTED_DOCUMENT", () -> coordinator.uploadInternshipDocument(sanne.getId(),
                InternshipDocumentKind.CV, Documents.file("cv.pdf", "<html><script>alert(1)</script>".getBytes()), null));
        byte[] tooLarge = new byte[InternshipResource.MAX_DOCUMENT_BYTES + 1];
        System.arraycopy(Documents.pdf(), 0, tooLarge, 0, Documents.pdf().length);
        expectProblem(413, "DOCUMENT_TOO_LARGE", () -> coordinator.uploadInternshipDocument(sanne.getId(),
                InternshipDocumentKind.CV, Documents.file("big.pdf", tooLarge), null));
        expectProblem(422, "VALIDATION_FAILED", () -> coordinator.createInternshipShare(noConsent.getId(),
                new InternshipShareCreate().memberId(deLinde), null));
        expectProblem(422, "VALIDATION_FAILED", () -> coordinator.createInternshipShare(sanne.getId(),
                new InternshipShareCreate().memberId(stranger), null));
        expectProblem(403, () -> lindeUser.createInternshipOffer(offer(hetAnker, 1), null));
        expectProblem(403, () -> lindeUser.createInternshipApplicant(applicant("X", "Y"), null));
        expectProblem(403, () -> lindeUser.uploadInternshipDocument(sanne.getId(), InternshipDocumentKind.CV,
                Documents.file("cv.pdf", Documents.pdf()), null));

        assertThat(allRowCounts()).isEqualTo(before);
    }

    @Test
    void anOfferWithoutPlacesLeftRefusesTheAccept() throws Exception {
        InternshipOffer offer = coordinator.createInternshipOffer(offer(deLinde, 1), null);
        InternshipApplicant a = coordinator.createInternshipApplicant(applicant("Anna", "Aventus"), null);
        InternshipApplicant b = coordinator.createInternshipApplicant(applicant("Bo", "Aventus"), null);
        InternshipShare shareA = coordinator.createInternshipShare(a.getId(),
                new InternshipShareCreate().memberId(deLinde).offerId(offer.getId()), null);
        InternshipShare shareB = coordinator.createInternshipShare(b.getId(),
                new InternshipShareCreate().memberId(deLinde).offerId(offer.getId()), null);
        coordinator.acceptInternshipShare(a.getId(), shareA.getId(), offered(a.getId(), shareA.getId()), null);
        String tagB = offered(b.getId(), shareB.getId());
        expectProblem(409, "OFFER_FULL", () -> coordinator.acceptInternshipShare(b.getId(), shareB.getId(), tagB, null));
        expectProblem(409, "INVALID_TRANSITION", () -> coordinator.inviteInternshipShare(a.getId(), shareA.getId(),
                "*", null));
        assertThat(coordinator.listInternshipShares(b.getId()).getData()).singleElement()
                .extracting(InternshipShare::getStatus).isEqualTo(InternshipShareStatus.OFFERED);
    }

    /** Moves the share to OFFERED (as the coordinator) and returns its ETag. */
    private String offered(UUID applicantId, UUID shareId) throws ApiException {
        return etag(coordinator.offerInternshipShareWithHttpInfo(applicantId, shareId, "*", null));
    }

    private static InternshipOfferCreate offer(UUID member, int places) {
        return new InternshipOfferCreate().memberId(member).role(InternshipRole.DOKTERSASSISTENT)
                .track(InternshipTrack.BOL).startDate(SEPTEMBER).endDate(SEPTEMBER.plusMonths(5)).hoursPerWeek(32)
                .places(places).supervisorName("Dr. Jansen");
    }

    private static InternshipApplicantCreate applicant(String givenName, String school) {
        return new InternshipApplicantCreate().givenName(givenName).familyName("de Vries")
                .email(givenName.toLowerCase() + "@student.example.nl").school(school)
                .programme("Doktersassistent niveau 4").studyYear(2)
                .sharingConsent(new SharingConsent().givenOn(LocalDate.of(2027, 6, 1)).method(SharingConsentMethod.SIGNED_FORM));
    }

    private static long count(String sql, UUID id) throws SQLException {
        try (Connection connection = TestApp.superuserConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
