package io.attributionstreams.credit;

/** W-shaped: first touch, booking touch and last touch 30% each, 10% to the rest (docs/contract.md §13). */
public final class WShaped extends StageWeighted {
    @Override
    public String name() {
        return "w_shaped";
    }

    @Override
    boolean attendanceIsMilestone() {
        return false;
    }
}
