package dev.amends.survey.text;

import java.util.Locale;

/** The language a customer reads: nb-*, no and nn are Norwegian Bokmål, sv-* Swedish, anything else English. */
public final class PageLocale {

    private PageLocale() {
    }

    public static String of(String tag) {
        if (tag == null) {
            return "en";
        }
        String language = Locale.forLanguageTag(tag.replace('_', '-')).getLanguage();
        return switch (language) {
            case "nb", "no", "nn" -> "nb";
            case "sv" -> "sv";
            default -> "en";
        };
    }
}
