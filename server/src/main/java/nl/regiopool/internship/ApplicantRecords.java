package nl.regiopool.internship;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.regiopool.api.model.Internship;
import nl.regiopool.api.model.InternshipApplicant;
import nl.regiopool.api.model.InternshipDocument;
import nl.regiopool.api.model.InternshipDocumentDownload;
import nl.regiopool.api.model.InternshipShare;
import org.jdbi.v3.core.Handle;

/** An applicant's records as an admin sees them, for other concepts (the data export). */
public final class ApplicantRecords {

    private ApplicantRecords() {
    }

    /** The applicant unless erased. */
    public static Optional<InternshipApplicant> applicant(Handle handle, UUID applicantId) {
        return ApplicantDao.find(handle, applicantId, null).map(ApplicantDao.Row::applicant);
    }

    public static List<InternshipDocument> documents(Handle handle, UUID applicantId) {
        return DocumentDao.list(handle, applicantId);
    }

    public static List<InternshipShare> shares(Handle handle, UUID applicantId) {
        return ShareDao.list(handle, applicantId, null).stream().map(ShareDao.Row::share).toList();
    }

    public static List<InternshipDocumentDownload> downloads(Handle handle, UUID applicantId) {
        return DocumentDao.downloads(handle, applicantId);
    }

    public static List<Internship> internships(Handle handle, UUID applicantId) {
        return InternshipDao.ofApplicant(handle, applicantId);
    }
}
