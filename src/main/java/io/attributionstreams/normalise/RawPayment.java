package io.attributionstreams.normalise;

/** A payment as a producer sends it: untrusted strings (the amount as written, to stay exact). */
public record RawPayment(String paymentId, String customerId, String paidAt, String amount, String currency) {
}
