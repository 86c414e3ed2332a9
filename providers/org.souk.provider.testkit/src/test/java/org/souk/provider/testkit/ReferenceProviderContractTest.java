package org.souk.provider.testkit;

/** A correct provider passes every check of the kit, so a failure elsewhere is the provider's. */
class ReferenceProviderContractTest extends KitOn {

    ReferenceProviderContractTest() {
        super(new ReferenceProvider());
    }
}
