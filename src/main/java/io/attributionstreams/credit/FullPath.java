package io.attributionstreams.credit;

/** Full path: first, booking, attendance and last touch 22.5% each, 10% to the rest (docs/contract.md §13). */
public final class FullPath extends StageWeighted {
    @Override
    public String name() {
        return "full_path";
    }

    @Override
    boolean attendanceIsMilestone() {
        return true;
    }
}
