package nl.regiopool.internship;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DocumentTypeTest {

    @Test
    void aPdfNeedsItsHeaderAndTrailer() {
        assertThat(DocumentType.detect(Documents.pdf())).contains(DocumentType.PDF);
        assertThat(DocumentType.detect("%PDF-1.4 but cut off".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(DocumentType.detect("<html>%PDF-%%EOF".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(DocumentType.detect("%PDF-".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    @Test
    void aDocxIsAZipWithTheWordParts() {
        assertThat(DocumentType.detect(Documents.docx())).contains(DocumentType.DOCX);
        assertThat(DocumentType.detect(Documents.zip("[Content_Types].xml", "<Types/>", "xl/workbook.xml", "<x/>")))
                .as("an xlsx").isEmpty();
        assertThat(DocumentType.detect(Documents.zip("a.txt", "a"))).isEmpty();
        assertThat(DocumentType.detect(Arrays.copyOf(Documents.docx(), 30))).as("truncated").isEmpty();
    }

    @Test
    void scriptsAndHtmlAreNeither() {
        assertThat(DocumentType.detect("<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(DocumentType.detect(new byte[0])).isEmpty();
    }

    @Test
    void aZipBombIsRefused() {
        byte[] docx = Documents.zip("[Content_Types].xml", "<Types/>", "word/document.xml", "0".repeat(10_000), "c", "c");
        assertThat(DocumentType.isDocx(docx, 3, 100_000)).isTrue();
        assertThat(DocumentType.isDocx(docx, 2, 100_000)).as("too many entries").isFalse();
        assertThat(DocumentType.isDocx(docx, 3, 9_999)).as("too many inflated bytes").isFalse();
    }

    @Test
    void fileNamesAreMadeSafe() {
        assertThat(DocumentType.PDF.safeFileName("cv Sanne.pdf")).isEqualTo("cv_Sanne.pdf");
        assertThat(DocumentType.PDF.safeFileName("../../etc/passwd")).isEqualTo("passwd.pdf");
        assertThat(DocumentType.PDF.safeFileName("evil\".html")).isEqualTo("evil_.pdf");
        assertThat(DocumentType.DOCX.safeFileName(null)).isEqualTo("document.docx");
        assertThat(DocumentType.DOCX.safeFileName("a".repeat(300) + ".docx")).hasSize(120);
    }
}
