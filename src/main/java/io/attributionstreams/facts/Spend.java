package io.attributionstreams.facts;

import java.time.LocalDate;

/**
 * A normalised spend fact (docs/contract.md §12): money spent on a channel, and optionally a campaign, on
 * one calendar day of the business zone, in exact cents. A negative amount corrects an earlier one.
 *
 * @param campaign null when none
 */
public record Spend(String spendId, String channel, String campaign, LocalDate spentOn, long amountCents) {
}
