package io.attributionstreams.testsupport;

import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.cli.AttributionOptions;
import java.util.List;
import picocli.CommandLine;

/** Attribution settings from command-line words, exactly as {@code batch} would read them. */
public final class Settings {
    private Settings() {
    }

    public static AttributionSettings fromArgs(List<String> args) {
        return CommandLine.populateCommand(new AttributionOptions(), args.toArray(new String[0])).settings();
    }
}
