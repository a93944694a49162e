package dev.amends.survey.text;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/** The customer's texts in one of the page languages (en, nb, sv). */
public final class Texts {

    private Texts() {
    }

    public static SurveyMessages in(String lang) {
        // English is the bundle itself; the translations are its localized variants.
        return "en".equals(lang) ? MessageBundles.get(SurveyMessages.class)
                : MessageBundles.get(SurveyMessages.class, Localized.Literal.of(lang));
    }
}
