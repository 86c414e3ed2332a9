package org.souk.gateway.spi;

/** Broad kinds of payment method, so a frontend can show the right form. */
public enum MethodType {
    CARD, WALLET, CASH, BANK_TRANSFER
}
