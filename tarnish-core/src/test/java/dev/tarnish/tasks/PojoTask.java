package dev.tarnish.tasks;

import dev.tarnish.Task;

/**
 * A JavaBean in and out.
 */
public class PojoTask implements Task<PojoTask.Person, PojoTask.Person> {

    @Override
    public Person run(Person input) {
        Person older = new Person();
        older.setName(input.getName());
        older.setAge(input.getAge() + 1);
        return older;
    }

    public static class Person {

        private String name;

        private int age;

        public String getName() {
            return this.name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public int getAge() {
            return this.age;
        }

        public void setAge(int age) {
            this.age = age;
        }
    }
}
