package io.nhidrift.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.nhidrift.testing.UnitTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@UnitTest
class FieldsTest {

    private static JsonNode json(String s) throws RecordException {
        return Json.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void caseInsensitiveOnlyAsAFallbackAndOnlyWhenAsked() throws Exception {
        JsonNode n = json("{\"eventname\":\"GetObject\",\"EventName\":\"PutObject\",\"empty\":\"\",\"obj\":{}}");
        assertEquals("PutObject", Fields.text(n, "EventName"), "the exact name wins");
        assertEquals("GetObject", Fields.text(n, "eventName"), "else the first ignoring case");
        assertNull(Fields.text(n, "eventName", false));
        assertNull(Fields.text(n, "empty"), "empty text is absent");
        assertEquals("", Fields.textAsIs(n, "empty"), "as written");
        assertNull(Fields.text(n, "obj"), "a container is no text");
        assertNull(Fields.text(null, "x"));
    }

    @Test
    void pathsAndDottedPaths() throws Exception {
        JsonNode n = json("{\"a\":{\"B\":[{\"c\":\"x\"}]}}");
        assertEquals("x", Fields.scalar(Fields.dotted(n, "a.b.0.c")));
        assertNull(Fields.text(n, "a", "b", "c"), "an array has no named child");
    }

    @Test
    void unreadableRecordsAreRecordExceptionsWithAReason() {
        for (String bad : new String[] {"", "{", "[1,"}) {
            RecordException e = org.junit.jupiter.api.Assertions.assertThrows(RecordException.class,
                    () -> json(bad));
            assertEquals(true, e.getMessage().equals("empty record") || e.getMessage().startsWith("invalid JSON: "),
                    e.getMessage());
        }
    }
}
