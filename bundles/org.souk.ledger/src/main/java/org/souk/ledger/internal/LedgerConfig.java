package org.souk.ledger.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The ledger's settings; changes apply without a restart to what is posted after them. */
@ObjectClassDefinition(name = "Souk ledger")
public @interface LedgerConfig {

    @AttributeDefinition(name = "Commission percent", description = "Decimal from 0 to 100: the platform's share of "
            + "an order's earnings, rounded to the nearest minor unit (a half to the even one); the freelancer gets "
            + "the rest")
    String commission_percent() default "20";

    @AttributeDefinition(name = "Clearance period", description = "ISO-8601 duration: how long released earnings "
            + "stay pending before the freelancer may withdraw them")
    String clearance_period() default "P14D";

    @AttributeDefinition(name = "Withdrawal minimum", description = "Decimal amount: the least a freelancer may "
            + "withdraw at once, in the withdrawal's currency")
    String withdrawal_minimum() default "100.00";

    @AttributeDefinition(name = "Timer poll period", description = "ISO-8601 duration, at least one second: how "
            + "often due clearances are looked for")
    String timers_poll() default "PT10S";

    @AttributeDefinition(name = "Payout poll period", description = "ISO-8601 duration, at least one second: how "
            + "often the payout providers are asked about the withdrawals they are paying")
    String payouts_poll() default "PT1M";
}
