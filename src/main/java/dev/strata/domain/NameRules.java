package dev.strata.domain;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * The one rule for record keys, blob names and list prefixes: NFC-normalised (so two spellings of the same text
 * name one thing), 1 to {@code maxBytes} UTF-8 bytes, no control or format characters, no slash or backslash,
 * not {@code .} or {@code ..}, no leading or trailing white space.
 */
public final class NameRules {
    private final int maxBytes;

    public NameRules(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public RecordKey recordKey(String raw) {
        return new RecordKey(check("key", raw));
    }

    public BlobName blobName(String raw) {
        return new BlobName(check("blob name", raw));
    }

    /** A list prefix follows the same rules but may be empty. */
    public String prefix(String raw) {
        return raw == null || raw.isEmpty() ? "" : check("prefix", raw);
    }

    private String check(String what, String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidInputException(what + " must not be empty");
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        if (name.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new InvalidInputException(what + " must be at most " + maxBytes + " bytes of UTF-8");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidInputException(what + " must not be '.' or '..'");
        }
        if (!name.strip().equals(name)) {
            throw new InvalidInputException(what + " must not start or end with white space");
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int type = Character.getType(cp);
            if (cp == '/' || cp == '\\' || type == Character.CONTROL || type == Character.FORMAT
                    || type == Character.SURROGATE || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
                throw new InvalidInputException(what + " contains a character that is not allowed at position " + i);
            }
            i += Character.charCount(cp);
        }
        return name;
    }
}
