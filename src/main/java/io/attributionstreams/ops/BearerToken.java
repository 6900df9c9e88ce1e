package io.attributionstreams.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The shared secret clients present as {@code Authorization: Bearer <token>}. Compared in constant
 * time, so that how long a refusal takes tells nothing of how much of a guess was right. Never
 * printed: {@link #toString()} hides it, and no error quotes it.
 */
public final class BearerToken {
    /** As for the pseudonym key: long enough that guessing is hopeless. */
    public static final int MIN_CHARS = 32;

    private final byte[] token;

    private BearerToken(byte[] token) {
        this.token = token;
    }

    /**
     * @param text the token, already trimmed
     * @throws IllegalArgumentException when it is shorter than {@value #MIN_CHARS} characters or holds
     *     anything but visible ASCII (it travels in a header); the message never quotes it
     */
    public static BearerToken of(String text) {
        if (text.length() < MIN_CHARS) {
            throw new IllegalArgumentException("the token has " + text.length() + " characters; at least "
                    + MIN_CHARS + " are needed");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("the token may hold only visible ASCII characters, no spaces; "
                        + "character " + (i + 1) + " is not one");
            }
        }
        return new BearerToken(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether {@code presented} is this token, in time that depends on neither's content. */
    public boolean matches(String presented) {
        return MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }

    /** The value of an {@code Authorization} header that carries this token: for requests this process sends. */
    public String authorization() {
        return "Bearer " + new String(token, StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "BearerToken[hidden]";
    }
}
