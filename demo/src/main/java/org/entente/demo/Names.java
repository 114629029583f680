package org.entente.demo;

import java.util.List;

/** Embedded first and last names, common in France and in English-speaking countries. */
final class Names {

    static final List<String> FRENCH_FIRST = List.of(
            "Hélène", "Camille", "Léa", "Chloé", "Manon", "Inès", "Zoé", "Émilie", "Amélie", "Cécile",
            "Noémie", "Gaëlle", "Anaïs", "Élodie", "Juliette", "Margaux", "Clémence", "Sophie", "Isabelle",
            "Nathalie", "Sandrine", "Valérie", "Aurélie", "Céline", "Mathilde", "Louise", "Jeanne", "Agnès",
            "Brigitte", "Geneviève", "Lucas", "Théo", "Hugo", "Louis", "Gabriel", "Arthur", "Jules", "Raphaël",
            "Léo", "Maël", "Nicolas", "Julien", "Sébastien", "Jérôme", "Frédéric", "Stéphane", "Benoît", "Loïc",
            "Clément", "Mathéo", "Antoine", "Thomas", "François", "Olivier", "Philippe", "Jean-Pierre", "Hervé",
            "Rémi", "Grégoire", "Aurélien");

    static final List<String> FRENCH_LAST = List.of(
            "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
            "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
            "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Legrand", "Garnier",
            "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Perrin", "Morin", "Mathieu",
            "Clément", "Gauthier", "Dumont", "Fontaine", "Chevalier", "Robin", "Masson", "Gérard", "Nguyen",
            "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Bérenger", "Lefebvre", "Prévost", "Ménard", "Le Gall",
            "Chéron");

    static final List<String> ENGLISH_FIRST = List.of(
            "Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophia", "Grace", "Lily", "Freya", "Charlotte",
            "Evie", "Poppy", "Ella", "Chloe", "Hannah", "Emma", "Madison", "Abigail", "Elizabeth", "Sarah",
            "Jessica", "Rachel", "Laura", "Rebecca", "Megan", "Lucy", "Alice", "Eleanor", "Harriet", "Margaret",
            "Oliver", "George", "Harry", "Jack", "Noah", "Charlie", "Jacob", "Alfie", "Freddie", "Oscar",
            "James", "William", "Henry", "Thomas", "Joshua", "Samuel", "Daniel", "Benjamin", "Matthew", "Andrew",
            "Michael", "David", "Christopher", "Ethan", "Liam", "Mason", "Logan", "Ryan", "Patrick", "Edward");

    static final List<String> ENGLISH_LAST = List.of(
            "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Johnson", "Roberts",
            "Robinson", "Wright", "Thompson", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis",
            "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward",
            "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James",
            "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell",
            "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "O'Brien", "Murphy");

    private Names() {
    }
}
