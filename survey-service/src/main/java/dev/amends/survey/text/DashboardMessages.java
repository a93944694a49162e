package dev.amends.survey.text;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The dashboard's texts in English; messages/dash_nb.properties and dash_sv.properties translate them. */
@MessageBundle("dash")
public interface DashboardMessages {

    @Message("Recovery dashboard")
    String title();

    @Message("Signed in as {name}")
    String signedInAs(String name);

    @Message("Sign out")
    String signOut();

    @Message("Window and grouping")
    String window();

    @Message("From")
    String from();

    @Message("To (not included)")
    String to();

    @Message("Group by")
    String groupBy();

    @Message("Category")
    String category();

    @Message("Channel")
    String channel();

    @Message("Severity")
    String severity();

    @Message("Owner")
    String owner();

    @Message("Origin")
    String origin();

    @Message("Disruption")
    String disruption();

    @Message("Show")
    String show();

    @Message("Headline figures")
    String headline();

    @Message("Incidents")
    String incidents();

    @Message("Acknowledged incidents")
    String acknowledgedIncidents();

    @Message("Response rate")
    String responseRate();

    @Message("Resolved satisfactorily")
    String resolvedSatisfactorilyRate();

    @Message("More satisfied than before")
    String recoveryParadoxRate();

    @Message("Perception gap")
    String perceptionGap();

    @Message("Employee too optimistic")
    String optimisticGap();

    @Message("Employee too pessimistic")
    String pessimisticGap();

    @Message("Promises kept")
    String promiseKeptRate();

    @Message("Satisfied when promises were kept")
    String csatWhenPromisesKept();

    @Message("Satisfied when a promise was broken")
    String csatWhenPromiseBroken();

    @Message("Median time to first answer")
    String medianTimeToAcknowledge();

    @Message("reported in the window")
    String reportedInWindow();

    @Message("of {n} invited")
    String ofInvited(long n);

    @Message("of {n} answers")
    String ofAnswers(long n);

    @Message("of {n} answers to the question")
    String ofCompared(long n);

    @Message("of {n} kept or broken")
    String ofEnded(long n);

    @Message("of {n} ratings")
    String ofRatings(long n);

    @Message("over {n} acknowledged")
    String overAcknowledged(long n);

    @Message("no data")
    String noData();

    @Message("{figure}, week by week")
    String weekByWeek(String figure);

    @Message("Week from")
    String weekFrom();

    @Message("Per group")
    String perGroup();

    @Message("Group")
    String group();

    @Message("Recent disruptions")
    String disruptions();

    @Message("Affected customers")
    String affected();

    @Message("Started")
    String started();

    @Message("Complained by themselves")
    String complainedFirst();

    @Message("Did not complain")
    String silentShare();

    @Message("No disruption has been declared.")
    String noDisruptions();

    @Message("Incidents behind the figure")
    String behind();

    @Message("{figure}: the incidents it counts")
    String behindTitle(String figure);

    @Message("Incident")
    String incident();

    @Message("Attempt")
    String attempt();

    @Message("Reported")
    String reported();

    @Message("No incidents.")
    String none();

    @Message("Previous page")
    String previous();

    @Message("Next page")
    String next();

    @Message("Back to the dashboard")
    String backToDashboard();

    @Message("Case {id}")
    String caseTitle(String id);

    @Message("How the case was handled")
    String handling();

    @Message("First answer due")
    String acknowledgeBy();

    @Message("First answer given")
    String acknowledgedAt();

    @Message("Apologised")
    String apology();

    @Message("SLA breached")
    String slaBreached();

    @Message("Owner changes")
    String ownerChanges();

    @Message("Promises (open, kept, broken)")
    String promises();

    @Message("Yes")
    String yes();

    @Message("No")
    String no();

    @Message("Resolution attempts")
    String attempts();

    @Message("Expected verdict")
    String expectedVerdict();

    @Message("Cause")
    String cause();

    @Message("Resolved")
    String resolvedAt();

    @Message("Customer's verdict")
    String verdict();

    @Message("Satisfaction, speed, fairness (1-5)")
    String ratings();

    @Message("Compared with before")
    String comparedToBefore();

    @Message("Customer's words")
    String words();

    @Message("Shown to agents only.")
    String wordsForAgents();

    @Message("Not answered")
    String notAnswered();

    @Message("This window or grouping cannot be shown")
    String invalidWindow();

    @Message("The read model does not know this case.")
    String unknownCase();
}
