package com.livechain.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The alerts that fire on a silent or down feed "in market hours" must ask livechain's exchange calendar
 * ({@code livechain_market_open}), not Prometheus' UTC clock, which knows no holiday: on Christmas a quiet feed
 * pages no one.
 */
class AlertRulesFollowTheCalendarTest {

    @SuppressWarnings("unchecked")
    private static Map<String, String> expressionsByAlert() {
        Map<String, Object> alerts = DeploymentFiles.yaml(DeploymentFiles.ALERTS);
        Map<String, String> byName = new LinkedHashMap<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) alerts.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                byName.put((String) rule.get("alert"), (String) rule.get("expr"));
            }
        }
        return byName;
    }

    @Test
    void theSilentFeedAlertsFireOnlyWhileTheCalendarSaysTheMarketIsOpen() {
        Map<String, String> rules = expressionsByAlert();

        assertThat(rules.get("LivechainFeedDownInMarketHours")).contains("and on(instance) livechain_market_open == 1");
        assertThat(rules.get("LivechainFeedMute")).contains("and on(instance) livechain_market_open == 1");
        assertThat(rules.get("LivechainTickAgeHigh"))
                .contains("and on(instance) min_over_time(livechain_market_open[5m]) == 1");
    }

    @Test
    void noRuleGuessesMarketHoursFromTheUtcClock() {
        assertThat(expressionsByAlert()).allSatisfy((alert, expr) -> assertThat(expr).as(alert)
                .doesNotContain("day_of_week(").doesNotContain("hour(").doesNotContain("minute("));
    }
}
