package dev.amends.survey.text;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Every text a customer reads, in English; messages/msg_nb.properties and msg_sv.properties translate them. */
@MessageBundle
public interface SurveyMessages {

    @Message("Did we solve your problem?")
    String title();

    @Message("You recently contacted us about a problem. Please tell us how we handled it: it takes a minute. Only the first question is required.")
    String intro();

    @Message("Was your problem resolved to your satisfaction?")
    String resolvedQuestion();

    @Message("Yes")
    String yes();

    @Message("Partly")
    String partly();

    @Message("No")
    String no();

    @Message("How satisfied are you with how we handled it? (1 = very dissatisfied, 5 = very satisfied)")
    String satisfactionQuestion();

    @Message("Compared with before this happened, are you now more, equally or less satisfied with us?")
    String comparedQuestion();

    @Message("More satisfied")
    String more();

    @Message("Equally satisfied")
    String same();

    @Message("Less satisfied")
    String less();

    @Message("How fair was the compensation you were offered? (1 = very unfair, 5 = very fair)")
    String fairCompensationQuestion();

    @Message("How satisfied are you with how quickly we handled it? (1 = very dissatisfied, 5 = very satisfied)")
    String speedQuestion();

    @Message("In your view, what caused the problem?")
    String causeQuestion();

    @Message("Me")
    String causeMe();

    @Message("The company")
    String causeCompany();

    @Message("A supplier")
    String causeSupplier();

    @Message("The product")
    String causeProduct();

    @Message("I don't know")
    String causeDontKnow();

    @Message("Anything else you want to tell us? (optional, up to 2,000 characters)")
    String commentQuestion();

    @Message("(required)")
    String required();

    @Message("Send answer")
    String submit();

    @Message("Please correct the following:")
    String errorsTitle();

    @Message("Please answer whether your problem was resolved.")
    String errorResolved();

    @Message("One of the answers was not valid; please choose again.")
    String errorInvalid();

    @Message("Thank you!")
    String thanksTitle();

    @Message("Your answer has been recorded. If the problem was not resolved, we will get back to you.")
    String thanksText();

    @Message("Survey not found")
    String notFoundTitle();

    @Message("This survey link is not valid. Please check that you copied the whole link.")
    String notFoundText();

    @Message("This survey has expired")
    String expiredTitle();

    @Message("The link is no longer valid. You are welcome to contact us again if the problem is still there.")
    String expiredText();

    @Message("Already answered")
    String answeredTitle();

    @Message("This survey has already been answered. Thank you!")
    String answeredText();

    @Message("Did we solve your problem?")
    String mailSubject();

    @Message("Reminder: did we solve your problem?")
    String reminderSubject();

    @Message("Hello,")
    String mailGreeting();

    @Message("you recently contacted us about a problem, and we believe it has been resolved. Was it resolved to your satisfaction? Choose your answer: it opens a short survey with it chosen, and you send it from there.")
    String mailIntro();

    @Message("We have not heard from you yet: this is a reminder of our question.")
    String mailReminderNote();

    @Message("The survey: {link}")
    String mailSurveyLink(String link);

    @Message("The links are valid until {validUntil}.")
    String mailValidUntil(String validUntil);

    @Message("Rather not get surveys from us? Opt out: {link}")
    String mailOptOut(String link);

    @Message("Rather not get surveys from us?")
    String optOutQuestion();

    @Message("Opt out")
    String optOutLink();

    @Message("No more surveys?")
    String optOutTitle();

    @Message("We will not send you any more surveys or questions about how we handled your problems.")
    String optOutText();

    @Message("Stop the surveys")
    String optOutSubmit();

    @Message("You will get no more surveys")
    String optedOutTitle();

    @Message("We have noted it: we will not send you any more surveys. You can still contact us at any time.")
    String optedOutText();

    @Message("Why did you leave us?")
    String interviewTitle();

    @Message("We noticed you have not been with us for a while. Would you tell us why? It takes a minute and helps us do better. Two questions are required.")
    String interviewIntro();

    @Message("What is the main reason you stopped using us?")
    String interviewReasonQuestion();

    @Message("The price")
    String reasonPrice();

    @Message("The quality of what we sell")
    String reasonQuality();

    @Message("Our service in general")
    String reasonService();

    @Message("How we handled a problem you had")
    String reasonIncidentHandling();

    @Message("I moved")
    String reasonMoved();

    @Message("I chose another company")
    String reasonCompetitor();

    @Message("I no longer need it")
    String reasonNoLongerNeeded();

    @Message("Something else")
    String reasonOther();

    @Message("How much did the problem you had with us weigh? (1 = not at all, 5 = very much)")
    String incidentWeightQuestion();

    @Message("May someone from us call you about it?")
    String mayContactQuestion();

    @Message("Yes, you may contact me")
    String mayContactYes();

    @Message("No, please don't")
    String mayContactNo();

    @Message("Please choose the main reason you left.")
    String interviewErrorReason();

    @Message("Please tell us whether we may contact you.")
    String interviewErrorMayContact();

    @Message("Your answer has been recorded. Thank you for telling us.")
    String interviewThanksText();

    @Message("Questions not found")
    String interviewNotFoundTitle();

    @Message("This link has expired")
    String interviewExpiredTitle();

    @Message("The link is no longer valid. You are welcome to contact us at any time.")
    String interviewExpiredText();

    @Message("You have answered already. Thank you!")
    String interviewAnsweredText();

    @Message("Why did you leave us?")
    String interviewMailSubject();

    @Message("we noticed you have not been with us for a while, and we would like to know why. You had a problem with us not long ago, and we want to learn from it. Would you answer a few short questions? It takes a minute.")
    String interviewMailIntro();

    @Message("The questions: {link}")
    String interviewMailLink(String link);
}
