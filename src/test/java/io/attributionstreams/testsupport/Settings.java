package io.attributionstreams.testsupport;

import io.attributionstreams.app.AppConfig;
import io.attributionstreams.attribution.AttributionSettings;
import io.attributionstreams.cli.AttributionOptions;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Attribution settings from command-line words, exactly as {@code batch} would read them. */
public final class Settings {
    private Settings() {
    }

    public static AttributionSettings fromArgs(List<String> args) {
        AttributionOptions options = CommandLine.populateCommand(new AttributionOptions(), args.toArray(new String[0]));
        return AppConfig.load(null, Map.of(), options.keys()).attributionSettings();
    }
}
