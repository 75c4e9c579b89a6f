package nl.regiopool.internship;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.regiopool.api.InternshipsApi;
import nl.regiopool.api.model.Internship;
import nl.regiopool.api.model.InternshipApplicant;
import nl.regiopool.api.model.InternshipApplicantCreate;
import nl.regiopool.api.model.InternshipApplicantList;
import nl.regiopool.api.model.InternshipApplicantPatch;
import nl.regiopool.api.model.InternshipDocument;
import nl.regiopool.api.model.InternshipDocumentDownloads;
import nl.regiopool.api.model.InternshipDocumentKind;
import nl.regiopool.api.model.InternshipDocuments;
import nl.regiopool.api.model.InternshipList;
import nl.regiopool.api.model.InternshipOffer;
import nl.regiopool.api.model.InternshipOfferCreate;
import nl.regiopool.api.model.InternshipOfferList;
import nl.regiopool.api.model.InternshipOfferPatch;
import nl.regiopool.api.model.InternshipOfferStatus;
import nl.regiopool.api.model.InternshipReport;
import nl.regiopool.api.model.InternshipShare;
import nl.regiopool.api.model.InternshipShareCreate;
import nl.regiopool.api.model.InternshipShares;
import nl.regiopool.auth.Caller;
import nl.regiopool.auth.CurrentCaller;
import nl.regiopool.http.ETags;
import nl.regiopool.http.Negotiation;
import nl.regiopool.http.Writes;
import nl.regiopool.page.Cursors;
import nl.regiopool.page.Page;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.tenancy.Ids;
import nl.regiopool.tenancy.Transactions;
import nl.regiopool.write.WriteContext;
import org.glassfish.jersey.media.multipart.FormDataBodyPart;
import org.glassfish.jersey.media.multipart.FormDataParam;

/**
 * The stagepunt: offers (every member reads them), applicants and their documents (the coordinator, and the
 * members they were shared with), shares and the internships they end in. Audit events carry ids and statuses
 * only, never an applicant's personal data.
 */
public final class InternshipResource implements InternshipsApi {

    /** The largest document accepted: 10 MiB. */
    public static final int MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
    private static final MediaType CSV = MediaType.valueOf("text/csv");

    private final Transactions transactions;
    private final Writes writes;
    private final DocumentStore documents;

    public InternshipResource(Transactions transactions, Writes writes, DocumentStore documents) {
        this.transactions = transactions;
        this.writes = writes;
        this.documents = documents;
    }

    // ---- offers

    @Override
    public Response createInternshipOffer(InternshipOfferCreate body, String idempotencyKey) {
        Caller caller = CurrentCaller.get();
        actsFor(caller, body.getMemberId(), "A member offers internship places only for itself.");
        requirePeriod(body.getStartDate(), body.getEndDate());
        return writes.inTenant(caller, "createInternshipOffer", idempotencyKey, body, write -> {
            String status = OfferDao.memberStatus(write.handle(), body.getMemberId())
                    .orElseThrow(() -> ProblemException.invalid("memberId", "NOT_FOUND",
                            "There is no such member in the cooperative."));
            if (!"ACTIVE".equals(status)) {
                throw ProblemException.invalid("memberId", "NOT_ACTIVE", "The member is " + status + ".");
            }
            UUID id = Ids.next();
            InternshipOffer values = new InternshipOffer().id(id).memberId(body.getMemberId()).role(body.getRole())
                    .track(body.getTrack()).startDate(body.getStartDate()).endDate(body.getEndDate())
                    .hoursPerWeek(body.getHoursPerWeek()).places(body.getPlaces())
                    .supervisorName(body.getSupervisorName().strip());
            OfferDao.Row row = OfferDao.insert(write.handle(), write.tenantId(), values);
            write.audit("internship_offer.created", "internship_offer", id, null, row.offer());
            return Response.created(URI.create("/v1/internship-offers/" + id)).tag(ETags.of(row.version()))
                    .entity(row.offer()).build();
        });
    }

    @Override
    public Response listInternshipOffers(Integer limit, String cursor, InternshipOfferStatus status) {
        Caller caller = CurrentCaller.get();
        UUID after = Cursors.decodeUuid(cursor);
        Page<OfferDao.Row> page = Page.of(transactions.read(caller.tenant(),
                        handle -> OfferDao.list(handle, status, after, limit)),
                limit, row -> row.offer().getId().toString());
        return Response.ok(new InternshipOfferList(page.data().stream().map(OfferDao.Row::offer).toList())
                .nextCursor(page.nextCursor())).build();
    }

    @Override
    public Response getInternshipOffer(UUID offerId) {
        Caller caller = CurrentCaller.get();
        OfferDao.Row row = transactions.read(caller.tenant(), handle -> OfferDao.find(handle, offerId))
                .orElseThrow(() -> offerNotFound(offerId));
        return Response.ok(row.offer()).tag(ETags.of(row.version())).build();
    }

    @Override
    public Response updateInternshipOffer(UUID offerId, String ifMatch, InternshipOfferPatch patch) {
        Caller caller = CurrentCaller.get();
        ETags.IfMatch expected = ETags.ifMatch(ifMatch);
        return writes.inTenant(caller, "updateInternshipOffer", null, patch, write -> {
            OfferDao.Row current = ownOfferForUpdate(write, caller, offerId);
            expected.require(current.version());
            InternshipOffer before = current.offer();
            if (before.getStatus() == InternshipOfferStatus.CLOSED) {
                throw ProblemException.conflict("INVALID_TRANSITION", "A CLOSED offer cannot be changed.");
            }
            LocalDate start = patch.getStartDate() != null ? patch.getStartDate() : before.getStartDate();
            LocalDate end = patch.getEndDate() != null ? patch.getEndDate() : before.getEndDate();
            requirePeriod(start, end);
            int places = patch.getPlaces() != null ? patch.getPlaces() : before.getPlaces();
            if (places < before.getPlacesFilled()) {
                throw ProblemException.conflict("PLACES_BELOW_FILLED", before.getPlacesFilled()
                        + " places are filled already; places cannot be fewer.");
            }
            OfferDao.Row row = OfferDao.update(write.handle(), offerId, start, end,
                    patch.getHoursPerWeek() != null ? patch.getHoursPerWeek() : before.getHoursPerWeek(), places,
                    patch.getSupervisorName() != null ? patch.getSupervisorName().strip() : before.getSupervisorName());
            write.audit("internship_offer.updated", "internship_offer", offerId, before, row.offer());
            return Response.ok(row.offer()).tag(ETags.of(row.version())).build();
        });
    }

    @Override
    public Response closeInternshipOffer(UUID offerId, String ifMatch, String idempotencyKey) {
        Caller caller = CurrentCaller.get();
        ETags.IfMatch expected = ETags.ifMatch(ifMatch);
        return writes.inTenant(caller, "closeInternshipOffer:" + offerId, idempotencyKey, null, write -> {
            OfferDao.Row current = ownOfferForUpdate(write, caller, offerId);
            expected.require(current.version());
            if (current.offer().getStatus() == InternshipOfferStatus.CLOSED) {
                throw ProblemException.conflict("INVALID_TRANSITION", "The offer is CLOSED already.");
            }
            OfferDao.Row row = OfferDao.close(write.handle(), offerId);
            write.audit("internship_offer.closed", "internship_offer", offerId, current.offer(), row.offer());
            return Response.ok(row.offer()).tag(ETags.of(row.version())).build();
        });
    }

    private static OfferDao.Row ownOfferForUpdate(WriteContext write, Caller caller, UUID offerId) {
        OfferDao.Row current = OfferDao.findForUpdate(write.handle(), offerId).orElseThrow(() -> offerNotFound(offerId));
        actsFor(caller, current.offer().getMemberId(), "Only the offering member (or an admin) can change an offer.");
        return current;
    }

    // ---- applicants

    @Override
    public Response createInternshipApplicant(InternshipApplicantCreate body, String idempotencyKey) {
        Caller caller = CurrentCaller.get();
        return writes.inTenant(caller, "createInternshipApplicant", idempotencyKey, body, write -> {
            UUID id = Ids.next();
            InternshipApplicant values = new InternshipApplicant().id(id).givenName(body.getGivenName().strip())
                    .familyName(body.getFamilyName().strip()).email(body.getEmail()).phone(body.getPhone())
                    .school(body.getSchool().strip()).programme(body.getProgramme().strip())
                    .studyYear(body.getStudyYear()).wishes(body.getWishes()).sharingConsent(body.getSharingConsent());
            ApplicantDao.Row row = ApplicantDao.insert(write.handle(), write.tenantId(), values);
            write.audit("internship_applicant.created", "internship_applicant", id, null, applicantEvent(row));
            return Response.created(URI.create("/v1/internship-applicants/" + id)).tag(ETags.of(row.version()))
                    .entity(row.applicant()).build();
        });
    }

    @Override
    public Response listInternshipApplicants(Integer limit, String cursor) {
        Caller caller = CurrentCaller.get();
        UUID viewer = caller.memberScope().orElse(null);
        UUID after = Cursors.decodeUuid(cursor);
        Page<ApplicantDao.Row> page = Page.of(transactions.read(caller.tenant(),
                        handle -> ApplicantDao.list(handle, viewer, after, limit)),
                limit, row -> row.applicant().getId().toString());
        return Response.ok(new InternshipApplicantList(page.data().stream().map(ApplicantDao.Row::applicant).toList())
                .nextCursor(page.nextCursor())).build();
    }

    @Override
    public Response getInternshipApplicant(UUID applicantId) {
        Caller caller = CurrentCaller.get();
        ApplicantDao.Row row = transactions.read(caller.tenant(), handle -> visibleApplicant(handle, caller, applicantId));
        return Response.ok(row.applicant()).tag(ETags.of(row.version())).build();
    }

    @Override
    public Response updateInternshipApplicant(UUID applicantId, String ifMatch, InternshipApplicantPatch patch) {
        Caller caller = CurrentCaller.get();
        ETags.IfMatch expected = ETags.ifMatch(ifMatch);
        return writes.inTenant(caller, "updateInternshipApplicant", null, patch, write -> {
            ApplicantDao.Row current = ApplicantDao.findForUpdate(write.handle(), applicantId)
                    .orElseThrow(() -> applicantNotFound(applicantId));
            expected.require(current.version());
            InternshipApplicant before = current.applicant();
            InternshipApplicant values = new InternshipApplicant().id(applicantId)
                    .email(patch.getEmail() != null ? patch.getEmail() : before.getEmail())
                    .phone(patch.getPhone() != null ? patch.getPhone() : before.getPhone())
                    .studyYear(patch.getStudyYear() != null ? patch.getStudyYear() : before.getStudyYear())
                    .wishes(patch.getWishes() != null ? patch.getWishes() : before.getWishes())
                    .sharingConsent(patch.getSharingConsent() != null ? patch.getSharingConsent() : before.getSharingConsent());
            ApplicantDao.Row row = ApplicantDao.update(write.handle(), values);
            write.audit("internship_applicant.updated", "internship_applicant", applicantId, applicantEvent(current),
                    applicantEvent(row));
            return Response.ok(row.applicant()).tag(ETags.of(row.version())).build();
        });
    }

    /** What the audit log keeps of an applicant: no personal data. */
    private static Map<String, Object> applicantEvent(ApplicantDao.Row row) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", row.applicant().getId());
        event.put("sharingConsent", row.hasConsent());
        event.put("version", row.version());
        return event;
    }

    private static ApplicantDao.Row visibleApplicant(org.jdbi.v3.core.Handle handle, Caller caller, UUID applicantId) {
        return ApplicantDao.find(handle, applicantId, caller.memberScope().orElse(null))
                .orElseThrow(() -> applicantNotFound(applicantId));
    }

    // ---- documents

    @Override
    @Produces({"application/json", "application/problem+json"})
    public Response uploadInternshipDocument(UUID applicantId, InternshipDocumentKind kind, InputStream file,
                                             String idempotencyKey) {
        throw new IllegalStateException("uploads are served by the multipart method of the same name");
    }

    /**
     * The upload, with the parts as Jersey's multipart module reads them: the generated signature gives the file
     * as a bare stream, without its name. Same operation id, so the spec's roles apply.
     */
    @POST
    @Path("/v1/internship-applicants/{applicantId}/documents")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces({"application/json", "application/problem+json"})
    public Response uploadInternshipDocument(@PathParam("applicantId") UUID applicantId,
                                             @FormDataParam("kind") FormDataBodyPart kindPart,
                                             @FormDataParam("file") FormDataBodyPart filePart,
                                             @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Caller caller = CurrentCaller.get();
        InternshipDocumentKind kind = documentKind(kindPart);
        if (filePart == null) {
            throw ProblemException.invalid("file", "REQUIRED", "Send the document as the part 'file'.");
        }
        byte[] content = readAtMost(filePart.getEntityAs(InputStream.class), MAX_DOCUMENT_BYTES);
        if (content.length == 0) {
            throw ProblemException.invalid("file", "EMPTY", "The file is empty.");
        }
        DocumentType type = DocumentType.detect(content).orElseThrow(() -> new ProblemException(415,
                "UNSUPPORTED_DOCUMENT", "Unsupported document",
                "Only PDF and DOCX documents are accepted; the type is read from the content, not the name."));
        String fileName = type.safeFileName(filePart.getContentDisposition() == null ? null
                : filePart.getContentDisposition().getFileName());
        String sha256 = sha256(content);
        Map<String, Object> request = Map.of("applicantId", applicantId, "kind", kind.toString(), "sha256", sha256,
                "fileName", fileName);
        return writes.inTenant(caller, "uploadInternshipDocument", idempotencyKey, request, write -> {
            ApplicantDao.findForUpdate(write.handle(), applicantId).orElseThrow(() -> applicantNotFound(applicantId));
            UUID id = Ids.next();
            InternshipDocument stored = DocumentDao.insert(write.handle(), write.tenantId(), applicantId,
                    new InternshipDocument().id(id).kind(kind).fileName(fileName)
                            .contentType(InternshipDocument.ContentTypeEnum.fromValue(type.mediaType()))
                            .sizeBytes((long) content.length).sha256(sha256));
            documents.put(write.handle(), write.tenantId(), id, content);
            write.audit("internship_document.created", "internship_document", id, null,
                    Map.of("id", id, "applicantId", applicantId, "kind", kind.toString()));
            return Response.created(URI.create("/v1/internship-applicants/" + applicantId + "/documents/" + id))
                    .entity(stored).build();
        });
    }

    private static InternshipDocumentKind documentKind(FormDataBodyPart part) {
        if (part == null) {
            throw ProblemException.invalid("kind", "REQUIRED", "Send the part 'kind': CV, MOTIVATION_LETTER or OTHER.");
        }
        try {
            return InternshipDocumentKind.fromValue(part.getValue().strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("kind", "INVALID_VALUE", "kind is one of CV, MOTIVATION_LETTER, OTHER.");
        }
    }

    private static byte[] readAtMost(InputStream in, int maxBytes) {
        try (in) {
            byte[] content = in.readNBytes(maxBytes + 1);
            if (content.length > maxBytes) {
                throw new ProblemException(413, "DOCUMENT_TOO_LARGE", "Payload too large",
                        "A document may hold at most " + maxBytes + " bytes.");
            }
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Response listInternshipDocuments(UUID applicantId) {
        Caller caller = CurrentCaller.get();
        List<InternshipDocument> list = transactions.read(caller.tenant(), handle -> {
            visibleApplicant(handle, caller, applicantId);
            return DocumentDao.list(handle, applicantId);
        });
        return Response.ok(new InternshipDocuments(list)).build();
    }

    @Override
    public Response downloadInternshipDocument(UUID applicantId, UUID documentId) {
        Caller caller = CurrentCaller.get();
        return writes.inTenant(caller, "downloadInternshipDocument", null, null, write -> {
            visibleApplicant(write.handle(), caller, applicantId);
            InternshipDocument document = DocumentDao.find(write.handle(), applicantId, documentId)
                    .orElseThrow(() -> ProblemException.notFound("Document " + documentId));
            byte[] content = documents.get(write.handle(), documentId)
                    .orElseThrow(() -> ProblemException.notFound("Document " + documentId));
            UUID downloadId = Ids.next();
            DocumentDao.recordDownload(write.handle(), write.tenantId(), downloadId, applicantId, documentId,
                    caller.subject(), caller.memberScope().orElse(null));
            write.audit("internship_document.downloaded", "internship_document", documentId, null,
                    Map.of("documentId", documentId, "applicantId", applicantId, "downloadId", downloadId));
            return Response.ok(content, document.getContentType().toString())
                    .header("Content-Disposition", "attachment; filename=\"" + document.getFileName() + "\"")
                    .header("X-Content-Type-Options", "nosniff")
                    .build();
        });
    }

    @Override
    public Response listInternshipDocumentDownloads(UUID applicantId) {
        Caller caller = CurrentCaller.get();
        return Response.ok(new InternshipDocumentDownloads(transactions.read(caller.tenant(), handle -> {
            visibleApplicant(handle, caller, applicantId);
            return DocumentDao.downloads(handle, applicantId);
        }))).build();
    }

    // ---- shares

    @Override
    public Response createInternshipShare(UUID applicantId, InternshipShareCreate body, String idempotencyKey) {
        Caller caller = CurrentCaller.get();
        return writes.inTenant(caller, "createInternshipShare:" + applicantId, idempotencyKey, body, write -> {
            ApplicantDao.Row applicant = ApplicantDao.findForUpdate(write.handle(), applicantId)
                    .orElseThrow(() -> applicantNotFound(applicantId));
            if (!applicant.hasConsent()) {
                throw ProblemException.invalid("sharingConsent", "CONSENT_REQUIRED",
                        "Record the student's sharing consent before sharing her with a practice.");
            }
            String status = OfferDao.memberStatus(write.handle(), body.getMemberId())
                    .orElseThrow(() -> ProblemException.invalid("memberId", "NOT_FOUND",
                            "There is no such member in the cooperative."));
            if (!"ACTIVE".equals(status)) {
                throw ProblemException.invalid("memberId", "NOT_ACTIVE", "The member is " + status + ".");
            }
            if (body.getOfferId() != null) {
                InternshipOffer offer = OfferDao.find(write.handle(), body.getOfferId())
                        .orElseThrow(() -> ProblemException.invalid("offerId", "NOT_FOUND", "There is no such offer."))
                        .offer();
                if (!offer.getMemberId().equals(body.getMemberId())) {
                    throw ProblemException.invalid("offerId", "NOT_OF_MEMBER", "The offer is not one of this member's.");
                }
                if (offer.getStatus() == InternshipOfferStatus.CLOSED) {
                    throw ProblemException.conflict("OFFER_CLOSED", "The offer is closed.");
                }
            }
            UUID id = Ids.next();
            ShareDao.Row row = ShareDao.insert(write.handle(), write.tenantId(), id, applicantId, body.getMemberId(),
                    body.getOfferId());
            write.audit("internship_share.created", "internship_share", id, null, row.share());
            return Response.created(URI.create("/v1/internship-applicants/" + applicantId + "/shares/" + id))
                    .tag(ETags.of(row.version())).entity(row.share()).build();
        });
    }

    @Override
    public Response listInternshipShares(UUID applicantId) {
        Caller caller = CurrentCaller.get();
        UUID viewer = caller.memberScope().orElse(null);
        List<InternshipShare> shares = transactions.read(caller.tenant(), handle -> {
            visibleApplicant(handle, caller, applicantId);
            return ShareDao.list(handle, applicantId, viewer).stream().map(ShareDao.Row::share).toList();
        });
        return Response.ok(new InternshipShares(shares)).build();
    }

    @Override
    public Response inviteInternshipShare(UUID applicantId, UUID shareId, String ifMatch, String idempotencyKey) {
        return move(applicantId, shareId, ifMatch, idempotencyKey, InternshipShareLifecycle.Action.INTERVIEW_);
    }

    @Override
    public Response offerInternshipShare(UUID applicantId, UUID shareId, String ifMatch, String idempotencyKey) {
        return move(applicantId, shareId, ifMatch, idempotencyKey, InternshipShareLifecycle.Action.OFFER);
    }

    @Override
    public Response acceptInternshipShare(UUID applicantId, UUID shareId, String ifMatch, String idempotencyKey) {
        return move(applicantId, shareId, ifMatch, idempotencyKey, InternshipShareLifecycle.Action.ACCEPT);
    }

    @Override
    public Response declineInternshipShare(UUID applicantId, UUID shareId, String ifMatch, String idempotencyKey) {
        return move(applicantId, shareId, ifMatch, idempotencyKey, InternshipShareLifecycle.Action.DECLINE);
    }

    @Override
    public Response withdrawInternshipShare(UUID applicantId, UUID shareId, String ifMatch, String idempotencyKey) {
        return move(applicantId, shareId, ifMatch, idempotencyKey, InternshipShareLifecycle.Action.WITHDRAW);
    }

    private Response move(UUID applicantId, UUID shareId, String ifMatch, String idempotencyKey,
                          InternshipShareLifecycle.Action action) {
        Caller caller = CurrentCaller.get();
        ETags.IfMatch expected = ETags.ifMatch(ifMatch);
        return writes.inTenant(caller, "share:" + action + ":" + shareId, idempotencyKey, null, write -> {
            ApplicantDao.Row applicant = visibleApplicant(write.handle(), caller, applicantId);
            ShareDao.Row current = ShareDao.findForUpdate(write.handle(), applicantId, shareId)
                    .filter(row -> caller.memberScope().map(row.share().getMemberId()::equals).orElse(true))
                    .orElseThrow(() -> ProblemException.notFound("Share " + shareId));
            expected.require(current.version());
            InternshipShareLifecycle.require(current.share().getStatus(), action);
            UUID offerId = current.share().getOfferId();
            if ((action == InternshipShareLifecycle.Action.OFFER || action == InternshipShareLifecycle.Action.ACCEPT)
                    && offerId == null) {
                throw ProblemException.invalid("offerId", "OFFER_REQUIRED",
                        "The share names no internship offer; share the applicant again with an offerId.");
            }
            ShareDao.Row row = ShareDao.move(write.handle(), shareId, action.to(), action.decides());
            write.audit("internship_share." + action.to().toString().toLowerCase(), "internship_share", shareId,
                    current.share(), row.share());
            if (action == InternshipShareLifecycle.Action.ACCEPT) {
                recordInternship(write, applicant.applicant(), row.share());
            }
            return Response.ok(row.share()).tag(ETags.of(row.version())).build();
        });
    }

    /** Takes a place of the share's offer (never beyond its places) and records the internship. */
    private static void recordInternship(WriteContext write, InternshipApplicant applicant, InternshipShare share) {
        UUID offerId = share.getOfferId();
        OfferDao.Row before = OfferDao.find(write.handle(), offerId).orElseThrow(() -> offerNotFound(offerId));
        OfferDao.Row offer = OfferDao.takePlace(write.handle(), offerId).orElseThrow(() ->
                OfferDao.find(write.handle(), offerId).orElseThrow().offer().getStatus() == InternshipOfferStatus.CLOSED
                        ? ProblemException.conflict("OFFER_CLOSED", "The offer is closed.")
                        : ProblemException.conflict("OFFER_FULL", "Every place of the offer is taken."));
        write.audit("internship_offer.place_taken", "internship_offer", offerId, before.offer(), offer.offer());
        UUID id = Ids.next();
        Internship internship = InternshipDao.insert(write.handle(), write.tenantId(), new Internship().id(id)
                .applicantId(applicant.getId()).shareId(share.getId()).offerId(offerId)
                .memberId(share.getMemberId())
                .studentName(applicant.getGivenName() + " " + applicant.getFamilyName())
                .school(applicant.getSchool())
                .startDate(offer.offer().getStartDate()).endDate(offer.offer().getEndDate())
                .supervisorName(offer.offer().getSupervisorName()));
        write.audit("internship.created", "internship", id, null, Map.of("id", id, "applicantId", applicant.getId(),
                "shareId", share.getId(), "offerId", offerId, "memberId", share.getMemberId()));
    }

    // ---- internships and the report

    @Override
    public Response listInternships(Integer limit, String cursor) {
        Caller caller = CurrentCaller.get();
        UUID viewer = caller.memberScope().orElse(null);
        UUID after = Cursors.decodeUuid(cursor);
        Page<Internship> page = Page.of(transactions.read(caller.tenant(),
                        handle -> InternshipDao.list(handle, viewer, after, limit)),
                limit, internship -> internship.getId().toString());
        return Response.ok(new InternshipList(page.data()).nextCursor(page.nextCursor())).build();
    }

    @Override
    public Response getInternshipReport(LocalDate from, LocalDate to) {
        Caller caller = CurrentCaller.get();
        if (to.isBefore(from)) {
            throw ProblemException.invalid("query.to", "INVALID_PERIOD", "to is before from.");
        }
        if (to.isAfter(from.plusYears(3))) {
            throw ProblemException.invalid("query.to", "PERIOD_TOO_LONG", "At most 3 years after from.");
        }
        InternshipReport report = new InternshipReport(from, to,
                transactions.read(caller.tenant(), handle -> ReportDao.rows(handle, from, to)));
        if (Negotiation.prefers(CSV)) {
            return Response.ok(InternshipReportCsv.of(report), CSV)
                    .header("Content-Disposition", "attachment; filename=\"internships.csv\"").build();
        }
        return Response.ok(report).build();
    }

    // ---- shared rules

    /** 403 unless the caller is an admin or acts for this member. */
    private static void actsFor(Caller caller, UUID memberId, String detail) {
        if (caller.memberScope().map(own -> !own.equals(memberId)).orElse(false)) {
            throw ProblemException.forbidden(detail);
        }
    }

    private static void requirePeriod(LocalDate start, LocalDate end) {
        if (end.isBefore(start)) {
            throw ProblemException.invalid("endDate", "INVALID_PERIOD",
                    "The last day (" + end + ") is before the first (" + start + ").");
        }
    }

    private static ProblemException offerNotFound(UUID id) {
        return ProblemException.notFound("Internship offer " + id);
    }

    private static ProblemException applicantNotFound(UUID id) {
        return ProblemException.notFound("Applicant " + id);
    }
}
