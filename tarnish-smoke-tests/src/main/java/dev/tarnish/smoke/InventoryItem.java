package dev.tarnish.smoke;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of the table Liquibase creates; Hibernate must not create it anywhere. */
@Entity
@Table(name = "inventory")
public class InventoryItem {

    @Id
    private String item;

    /** For JPA. */
    protected InventoryItem() {
    }

    /**
     * Creates an item.
     * @param item its name
     */
    public InventoryItem(String item) {
        this.item = item;
    }

    /**
     * Returns the item's name.
     * @return the name
     */
    public String getItem() {
        return this.item;
    }
}
