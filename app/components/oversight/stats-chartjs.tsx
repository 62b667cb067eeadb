// The parts of Chart.js the statistics charts use, registered once. Imported only dynamically
// (stats-chart.tsx), so esbuild gives it a chunk of its own and tree-shakes the rest of the library.
import { ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from "chart.js";

Chart.register(BarController, LineController, DoughnutController, BarElement, LineElement, PointElement, ArcElement, CategoryScale, LinearScale, Legend, Tooltip);

export { Chart };
