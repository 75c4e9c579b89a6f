package nl.regiopool.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.UUID;
import nl.regiopool.page.Cursors;
import nl.regiopool.page.Page;
import nl.regiopool.problem.ProblemException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpHelpersTest {

    private static final byte[] KEY = "a cursor key for the unit tests".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @BeforeEach
    void bindCursors() {
        Cursors.bind(KEY, "GET v1/members {}");
    }

    @AfterEach
    void unbindCursors() {
        Cursors.unbind();
    }

    @Test
    void ifMatchFollowsRfc9110() {
        ETags.ifMatch("\"3\"").require(3);
        ETags.ifMatch(" \"12\" ").require(12);
        ETags.ifMatch("\"2\", \"12\"").require(12);
        ETags.ifMatch("*").require(7);
        ETags.ifMatch(" * ").require(1);
        assertThat(ETags.of(4).toString()).isEqualTo("\"4\"");
        assertThatThrownBy(() -> ETags.ifMatch(null)).extracting("status").isEqualTo(428);
        assertThatThrownBy(() -> ETags.ifMatch("")).extracting("status").isEqualTo(428);
        for (String malformed : List.of("3", "1", "\"3", "3\"", "\"3\" 4", "W/3", "**", "* ,\"3\"", ",", "\"a b\"")) {
            assertThatThrownBy(() -> ETags.ifMatch(malformed)).as(malformed)
                    .extracting("status", "code").containsExactly(400, "MALFORMED_IF_MATCH");
        }
        assertThat(catchThrowableOfType(ProblemException.class, () -> ETags.ifMatch("1")).getMessage())
                .contains("\"<etag>\"", "got: 1");
        for (String stale : List.of("\"4\"", "W/\"3\"", "\"x\"", "\"\"")) {
            ProblemException failed = catchThrowableOfType(ProblemException.class, () -> ETags.ifMatch(stale).require(3));
            assertThat(failed).as(stale).extracting("status").isEqualTo(412);
            assertThat(failed.headers()).containsEntry("ETag", "\"3\"");
        }
    }

    @Test
    void aCursorDecodesOnlyWhatWasEncoded() {
        UUID id = UUID.randomUUID();
        assertThat(Cursors.decodeUuid(Cursors.encode(id.toString()))).isEqualTo(id);
        assertThat(Cursors.decodeLong(Cursors.encode("42"))).isEqualTo(42L);
        assertThat(Cursors.decodeUuid(null)).isNull();
        assertThatThrownBy(() -> Cursors.decodeUuid("%%%")).extracting("status").isEqualTo(422);
        assertThatThrownBy(() -> Cursors.decodeUuid(Cursors.encode("not-a-uuid"))).extracting("code").isEqualTo("VALIDATION_FAILED");
        assertThatThrownBy(() -> Cursors.decodeLong(Cursors.encode("x"))).extracting("status").isEqualTo(422);
    }

    @Test
    void aCursorIsSignedForItsListUnderTheKey() {
        String cursor = Cursors.encode("42");
        String payload = cursor.substring(0, cursor.indexOf('.'));
        String forged = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("41".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + cursor.substring(cursor.indexOf('.'));
        for (String tampered : List.of(payload, forged, cursor + "A", cursor.substring(0, cursor.length() - 1))) {
            assertThatThrownBy(() -> Cursors.decodeLong(tampered)).as(tampered).extracting("code")
                    .isEqualTo("VALIDATION_FAILED");
        }
        Cursors.bind(KEY, "GET v1/workers {}");
        assertThatThrownBy(() -> Cursors.decodeLong(cursor)).as("another list").extracting("status").isEqualTo(422);
        Cursors.bind("another key".getBytes(java.nio.charset.StandardCharsets.UTF_8), "GET v1/members {}");
        assertThatThrownBy(() -> Cursors.decodeLong(cursor)).as("another key").extracting("status").isEqualTo(422);
        assertThat(CursorBinding.key(null, "secret")).isEqualTo(CursorBinding.key("", "secret"))
                .isNotEqualTo("secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CursorBinding.key(null, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void pagesFetchOneExtraRowToKnowWhetherMoreFollow() {
        Page<Integer> last = Page.of(List.of(1, 2, 3), 3, String::valueOf);
        assertThat(last.data()).containsExactly(1, 2, 3);
        assertThat(last.nextCursor()).isNull();

        Page<Integer> more = Page.of(List.of(1, 2, 3, 4), 3, String::valueOf);
        assertThat(more.data()).containsExactly(1, 2, 3);
        assertThat(Cursors.decodeLong(more.nextCursor())).isEqualTo(3L);
    }
}
