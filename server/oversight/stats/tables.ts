// The table model lives with the page's components (client-safe); the server builds tables of it.
export * from "../../../app/components/oversight/stats-model";
