package io.attributionstreams.demo;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * The demo's terminal: lines of output, and one status line under them. On a terminal the status line
 * is redrawn in place (carriage return, erase to the end of the line) and every other line is printed
 * above it; written to a file or a pipe, the status is an ordinary line every few seconds instead, so a
 * log of the demo reads top to bottom without control characters.
 */
public final class DemoTerminal {
    /** How the status line is shown. */
    public enum StatusMode {
        /** In place on a terminal, as lines otherwise. */
        AUTO,
        /** Redrawn in place. */
        INPLACE,
        /** A plain line every few seconds. */
        LINES
    }

    private static final String ERASE_LINE = "\r\033[K";

    private final PrintWriter out;
    private final boolean inPlace;
    private final int width;
    private String status = "";

    public DemoTerminal(PrintWriter out, StatusMode mode) {
        this.out = out;
        this.inPlace = mode == StatusMode.INPLACE || mode == StatusMode.AUTO && isTerminal();
        this.width = columns();
    }

    /** Whether the status line is redrawn in place (and so may be refreshed often). */
    public boolean inPlace() {
        return inPlace;
    }

    /** Prints a line above the status line. */
    public synchronized void println(String line) {
        if (inPlace && !status.isEmpty()) {
            out.print(ERASE_LINE);
            out.println(line);
            out.print(status);
        } else {
            out.println(line);
        }
        out.flush();
    }

    public synchronized void printf(String format, Object... args) {
        println(String.format(Locale.ROOT, format, args));
    }

    /** Shows the status: redrawn in place, or printed as a line. */
    public synchronized void status(String text) {
        if (inPlace) { // a line longer than the terminal would wrap, and the next redraw would not erase it all
            String shown = text.length() > width - 1 ? text.substring(0, width - 2) + "…" : text;
            if (shown.equals(status)) {
                return;
            }
            status = shown;
            out.print(ERASE_LINE + shown);
        } else {
            out.println(text);
        }
        out.flush();
    }

    /** Leaves the status line where it is (its last state stays readable) and goes on below it. */
    public synchronized void endStatus() {
        if (inPlace && !status.isEmpty()) {
            out.println();
            status = "";
        }
        out.flush();
    }

    private static boolean isTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try { // from Java 22 a console exists without a terminal; it says which
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException olderJava) {
            return true; // before Java 22, a console means standard input and output are a terminal
        }
    }

    private static int columns() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "120").trim());
            return Math.max(40, columns);
        } catch (NumberFormatException e) {
            return 120;
        }
    }
}
