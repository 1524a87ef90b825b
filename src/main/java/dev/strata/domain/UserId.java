package dev.strata.domain;

import java.util.regex.Pattern;

/** The owner of data: the {@code sub} of a token. 1 to 128 characters of letters, digits and {@code . _ @ + -}. */
public record UserId(String value) {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._@+-]{1,128}");

    public UserId {
        if (value == null || !ALLOWED.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            throw new InvalidInputException("user id must be 1-128 characters of letters, digits and . _ @ + -");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
