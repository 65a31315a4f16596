/** @type {import('tailwindcss').Config} */
export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: { 50: "#eef7f5", 100: "#d5ece7", 500: "#2f8f7f", 600: "#237566", 700: "#1c5e52", 900: "#123d36" },
        sun: { 100: "#fff4d6", 400: "#f5b83d", 600: "#b7791f" },
      },
      fontFamily: { sans: ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Noto Sans", "sans-serif"] },
    },
  },
  plugins: [],
};
