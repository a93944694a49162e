package dev.amends.survey.text;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/** The pages' texts in one of their languages (en, nb, sv). */
public final class Texts {

    private Texts() {
    }

    public static SurveyMessages in(String lang) {
        return bundle(SurveyMessages.class, lang);
    }

    /** The dashboard's texts for people at work, in the same languages. */
    public static DashboardMessages dashboard(String lang) {
        return bundle(DashboardMessages.class, lang);
    }

    private static <T> T bundle(Class<T> bundle, String lang) {
        // English is the bundle itself; the translations are its localized variants.
        return "en".equals(lang) ? MessageBundles.get(bundle) : MessageBundles.get(bundle, Localized.Literal.of(lang));
    }
}
