package org.souk.itests;

import org.junit.runner.RunWith;
import org.junit.runners.Suite;
import org.junit.runners.Suite.SuiteClasses;

/**
 * The tests of the API's contract and the platform around it (HTTP, errors, idempotency, live events, paging,
 * notifications, security, health, the pollers' query plans, the API documentation, the console's manners), in one container booted once.
 */
@RunWith(Suite.class)
@SuiteClasses({
    ApiBasicsIT.class,
    BadInputIT.class,
    ProblemCodesIT.class,
    IdempotencyIT.class,
    OrderPagingIT.class,
    LiveEventsIT.class,
    NotificationsIT.class,
    NotificationEmailIT.class,
    SecurityIT.class,
    HealthIT.class,
    QueryPlansIT.class,
    ApiDocsIT.class,
    TypeScriptClientIT.class,
    ConsoleIT.class,
    OperatorSearchIT.class,
    OperatorAuditIT.class,
})
public class ApiAndPlatformSuite {
}
