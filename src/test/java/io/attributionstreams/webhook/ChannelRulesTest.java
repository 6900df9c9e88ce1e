package io.attributionstreams.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default rules give GA4's default channel group; a deployment's own table is read strictly. */
class ChannelRulesTest {
    private static final ChannelRules GA4 = ChannelRules.defaults();

    @ParameterizedTest(name = "{0} / {1} / {2} / {3} -> {4}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
        "(direct); (none); -; -; Direct",
        "(direct); -; -; -; Direct",
        "google; cpc; spring; -; Paid Search",
        "www.google.co.uk; ppc; -; -; Paid Search",
        // GA4's order: cpm is a paid medium, so a search site's cpm is Paid Search, not Display
        "google; cpm; -; -; Paid Search",
        "facebook; paid_social; -; -; Paid Social",
        "l.facebook.com; cpc; -; -; Paid Social",
        "youtube; cpv; -; -; Paid Video",
        "amazon; cpc; -; -; Paid Shopping",
        "newsletter; cpc; summer shopping; -; Paid Shopping",
        "anything; display; -; -; Display",
        "partner; paid; -; -; Paid Other",
        "dv360; cpm; cross-network spring; -; Cross-network",
        "ebay; -; -; -; Organic Shopping",
        "instagram; -; -; -; Organic Social",
        "forum; social; -; -; Organic Social",
        "vimeo.com; -; -; -; Organic Video",
        "bing; -; -; -; Organic Search",
        "blog; organic; -; -; Organic Search",
        "partner.com; referral; -; -; Referral",
        "newsletter; email; -; -; Email",
        "e-mail; -; -; -; Email",
        "partner; affiliate; -; -; Affiliates",
        "radio; audio; -; -; Audio",
        "sms; -; -; -; SMS",
        "app; push; -; -; Mobile Push Notifications",
        "firebase; -; -; -; Mobile Push Notifications",
        "somewhere; something; -; -; (unassigned)",
        "-; -; -; -; (unassigned)",
        // click ids: Google's auto-tagging wins over tags; the others count only without source and medium
        "-; -; -; gclid; Paid Search",
        "newsletter; email; -; gclid; Paid Search",
        "-; -; -; msclkid; Paid Search",
        "-; -; -; fbclid; Organic Social",
        "facebook; paid_social; -; fbclid; Paid Social",
        "newsletter; email; -; fbclid; Email",
        "-; -; -; ttclid; Paid Social",
        "-; -; -; dclid; Display",
    })
    void ga4sDefaultChannelGroup(String source, String medium, String campaign, String clickId, String channel) {
        Utm utm = new Utm(source, medium, campaign, clickId == null ? Map.of() : Map.of(clickId, "x"));
        assertThat(GA4.channel(utm)).isEqualTo(channel);
    }

    @Test
    void theUtmOfALandingPageAndOfAPayloadCombineTheFirstNamingEachPart() {
        Utm page = Utm.ofUrl("https://example.com/p?utm_source=Google&UTM_MEDIUM=cpc&gclid=abc&utm_campaign=a%20b");
        assertThat(page).isEqualTo(new Utm("Google", "cpc", "a b", Map.of("gclid", "abc")));
        assertThat(new Utm("bing", null, null, Map.of()).orElse(page))
                .isEqualTo(new Utm("bing", "cpc", "a b", Map.of("gclid", "abc")));
        assertThat(Utm.ofUrl("not a url with spaces")).isEqualTo(Utm.NONE);
        assertThat(Utm.ofUrl(null)).isEqualTo(Utm.NONE);
    }

    @Test
    void aDeploymentsTableIsReadWithItsCommentsAndItsMistakesNamedByLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("rules.csv");
        Files.writeString(file, "# ours\nchannel,source,medium,campaign,click_id\nGoogle Ads,google,cpc,,\n"
                + "Google Ads,,,,gclid\nRadio,,audio|radio,,\n");
        ChannelRules ours = ChannelRules.load(file);
        assertThat(ours.size()).isEqualTo(3);
        assertThat(ours.channel(new Utm("google", "cpc", null, Map.of()))).isEqualTo("Google Ads");
        assertThat(ours.channel(new Utm(null, "radio", null, Map.of()))).isEqualTo("Radio");
        assertThat(ours.channel(new Utm("bing", "cpc", null, Map.of()))).isEqualTo("(unassigned)");

        assertThatThrownBy(() -> ChannelRules.parse(new StringReader("channel,source\nA,b\n"), "r.csv"))
                .hasMessage("r.csv line 1: the header must be channel,source,medium,campaign,click_id");
        assertThatThrownBy(() -> ChannelRules.parse(new StringReader(
                "channel,source,medium,campaign,click_id\nA,(unclosed,,,\n"), "r.csv"))
                .hasMessageStartingWith("r.csv line 2: not a regular expression: '(unclosed'");
        assertThatThrownBy(() -> ChannelRules.parse(new StringReader(
                "channel,source,medium,campaign,click_id\nA,b,c\n"), "r.csv"))
                .hasMessageStartingWith("r.csv line 2: 3 cells where a row has 5");
        assertThatThrownBy(() -> ChannelRules.parse(new StringReader(
                "channel,source,medium,campaign,click_id\n,b,c,,\n"), "r.csv"))
                .hasMessage("r.csv line 2: the channel is empty");
        assertThatThrownBy(() -> ChannelRules.load(dir.resolve("missing.csv")))
                .hasMessageStartingWith("channel rules file not found: ");
    }
}
