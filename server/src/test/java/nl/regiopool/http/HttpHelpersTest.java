package nl.regiopool.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
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
    void ifMatchNeedsAStrongTagOfTheVersion() {
        assertThat(ETags.expectedVersion("\"3\"")).isEqualTo(3);
        assertThat(ETags.expectedVersion(" \"12\" ")).isEqualTo(12);
        assertThat(ETags.of(4).toString()).isEqualTo("\"4\"");
        assertThatThrownBy(() -> ETags.expectedVersion(null)).extracting("status").isEqualTo(428);
        assertThatThrownBy(() -> ETags.expectedVersion("")).extracting("status").isEqualTo(428);
        for (String stale : List.of("3", "W/\"3\"", "\"x\"", "\"\"", "*")) {
            assertThatThrownBy(() -> ETags.expectedVersion(stale)).as(stale).extracting("status").isEqualTo(412);
        }
    }

    @Test
    void cursorsRoundTripAndRejectForgeries() {
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
