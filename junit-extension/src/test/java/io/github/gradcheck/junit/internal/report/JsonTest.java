package io.github.gradcheck.junit.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.gradcheck.testing.QuietTest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written JSON: what it writes, another library reads as the same values; it reads its own back. */
class JsonTest extends QuietTest {

    private static final String AWKWARD = "quote \" backslash \\ slash / newline \n tab \t return \r bell \u0007 nul "
            + "\u0000 line sep \u2028 para \u2029 emoji \uD83D\uDE00 lone \uD800 end ∂vec F/∂vec Xᵀ × −";

    @Test
    void stringsWithEveryKindOfCharacterReadBackTheSameInGson() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("text", AWKWARD.replace("\uD800", "")); // Gson cannot keep a lone surrogate; JSON text may not either
        tree.put("key with \"quotes\"", "value");
        JsonObject parsed = JsonParser.parseString(Json.write(tree)).getAsJsonObject();
        assertEquals(AWKWARD.replace("\uD800", ""), parsed.get("text").getAsString());
        assertEquals("value", parsed.get("key with \"quotes\"").getAsString());
    }

    @Test
    void aLoneSurrogateIsEscapedAndReadBack() {
        String written = Json.write(List.of(AWKWARD));
        assertTrue(written.contains("\\ud800"), written);
        assertEquals(List.of(AWKWARD), Json.read(written));
    }

    @Test
    void numbersKeepTheirValueAndNaNBecomesNull() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("long", Long.MIN_VALUE);
        tree.put("small", 1.0e-300);
        tree.put("rtol", 1e-5);
        tree.put("nan", Double.NaN);
        tree.put("inf", Double.POSITIVE_INFINITY);
        tree.put("list", Arrays.asList(1, null, true, false));
        JsonObject parsed = JsonParser.parseString(Json.write(tree)).getAsJsonObject();
        assertEquals(Long.MIN_VALUE, parsed.get("long").getAsLong());
        assertEquals(1.0e-300, parsed.get("small").getAsDouble());
        assertEquals(1e-5, parsed.get("rtol").getAsDouble());
        assertTrue(parsed.get("nan").isJsonNull());
        assertTrue(parsed.get("inf").isJsonNull());
        Map<?, ?> back = (Map<?, ?>) Json.read(Json.write(tree));
        assertEquals(Long.MIN_VALUE, back.get("long"));
        assertEquals(1e-5, back.get("rtol"));
        assertEquals(Arrays.asList(1L, null, true, false), back.get("list"));
    }

    @Test
    void malformedTextIsRejectedWithItsPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.read("{\"a\": [1, 2}"));
        assertTrue(e.getMessage().endsWith("at character 11"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.read("{\"a\": 1} x"));
        assertThrows(IllegalArgumentException.class, () -> Json.read("\"unterminated"));
        assertThrows(IllegalArgumentException.class, () -> Json.read("[1.2.3]"));
    }
}
