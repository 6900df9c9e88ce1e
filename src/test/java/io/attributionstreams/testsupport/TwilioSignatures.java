package io.attributionstreams.testsupport;

import io.attributionstreams.webhook.Signatures;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;

/** Twilio's signature of a form POST, computed here as Twilio's documentation says, apart from the adapter's code. */
public final class TwilioSignatures {
    private TwilioSignatures() {
    }

    /** Base64 of HMAC-SHA1, keyed with the auth token, over the URL and each parameter's name and value by name. */
    public static String of(String token, String url, String form) {
        TreeMap<String, String> params = new TreeMap<>();
        for (String pair : form.split("&")) {
            String[] nameValue = pair.split("=", 2);
            params.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        StringBuilder data = new StringBuilder(url);
        params.forEach((name, value) -> data.append(name).append(value));
        return Signatures.base64(Signatures.hmacSha1(token, data.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
