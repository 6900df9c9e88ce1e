package io.attributionstreams.query;

/**
 * Which customer ids a query may name. The normaliser trims ids and the stores join an id and its
 * parts with a NUL character, so an id with surrounding blanks or control characters can never
 * exist: such a request is malformed (400), not a customer that is merely unknown (404).
 */
final class CustomerIds {
    static final int MAX_LENGTH = 256;

    private CustomerIds() {
    }

    static String checked(String id) {
        if (id == null || id.isEmpty()) {
            throw QueryProblem.badRequest("the customer id is empty");
        }
        if (id.length() > MAX_LENGTH) {
            throw QueryProblem.badRequest("the customer id is longer than " + MAX_LENGTH + " characters");
        }
        if (!id.strip().equals(id)) {
            throw QueryProblem.badRequest("the customer id has leading or trailing blanks");
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            throw QueryProblem.badRequest("the customer id contains a control character");
        }
        return id;
    }
}
