package vn.congvu.mail.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The marks of a secrecy level, found however they are typed, and nothing else. */
class SecrecyMarkTest {

    @Test
    void everyWayOfTypingAMarkIsFound() {
        assertEquals(Optional.of("MAT"), SecrecyMarkHook.mark("[MẬT] Kế hoạch"));
        assertEquals(Optional.of("MAT"), SecrecyMarkHook.mark("[mật]"));
        assertEquals(Optional.of("MAT"), SecrecyMarkHook.mark("[Mat]"));
        assertEquals(Optional.of("TOI MAT"), SecrecyMarkHook.mark("Báo cáo [TỐI  MẬT] số 5"));
        assertEquals(Optional.of("TUYET MAT"), SecrecyMarkHook.mark("[ tuyệt mật ]"));
        // decomposed tone marks, as text pasted from macOS or Word carries them
        assertEquals(Optional.of("TOI MAT"), SecrecyMarkHook.mark("[To\u0302\u0301i ma\u0302\u0323t]"));
    }

    @Test
    void wordsThatOnlyLookAlikeAreNotMarks() {
        assertEquals(Optional.empty(), SecrecyMarkHook.mark("Mật khẩu mới"));
        assertEquals(Optional.empty(), SecrecyMarkHook.mark("[MATLAB] [bí mật nhà nông]"));
        assertEquals(Optional.empty(), SecrecyMarkHook.mark("MẬT"));
        assertEquals(Optional.empty(), SecrecyMarkHook.mark("[khẩn]"));
    }
}
