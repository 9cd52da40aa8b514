package org.netconform.netlab;

/**
 * The NAT a lab's router applies: the chains of one nftables table, which the lab loads in a single
 * transaction (the old table deleted and the new one declared together) each time a lab opens.
 */
public interface RouterNat {

    /** One line for a target's description: what the rules do. */
    String describe();

    /**
     * The body of the lab's {@code table ip} (chains, sets), multi-line: nft refused a one-line table
     * with nested blocks. Names come from {@code router} so that every rule stays inside this run's lab.
     */
    String tableBody(RouterNames router);
}
