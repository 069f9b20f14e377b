"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <section role="alert" className="py-16 text-center">
      <h1 className="text-2xl font-bold">Something went wrong · Что-то пошло не так</h1>
      <button type="button" className="mt-4 rounded bg-blue-700 px-4 py-2 text-white" onClick={reset}>
        Try again · Повторить
      </button>
    </section>
  );
}
