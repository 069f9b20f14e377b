// The header, shared page texts and the messages for the API's error codes.
import type { Catalogue } from "../catalogue";

const en = {
  nav: {
    catalog: "Catalog",
    bookings: "My bookings",
    waitlist: "Waiting list",
    requests: "My requests",
    notifications: "Notifications",
    organizer: "Organizer",
    admin: "Moderation",
    login: "Log in",
    signup: "Sign up",
    logout: "Log out",
    language: "Language",
    account: "Account settings",
  },
  common: {
    loading: "Loading…",
    retry: "Try again",
    notFound: "This page does not exist.",
    error: "Something went wrong.",
    back: "Back to the catalog",
  },
  error: {
    sold_out: "Sold out: not enough seats left.",
    hold_expired: "Your hold expired; the seats were released.",
    booking_not_payable: "This booking can no longer be paid.",
    awaiting_approval: "The organizer has not approved your request yet: pay once it is approved, or withdraw the request.",
    payment_failed: "The payment did not go through.",
    rate_limited: "Too many attempts. Wait a minute and try again.",
    login_locked: "Too many failed sign-ins. The account is locked for a while.",
    invalid_credentials: "Wrong e-mail or password.",
    email_taken: "An account with this e-mail already exists.",
    csrf_failed: "Your session changed. Reload the page and try again.",
    not_authenticated: "Please log in.",
    validation_error: "Please check the form.",
    payment_gateway_unavailable: "The payment service is not available right now.",
    email_not_verified:
      "Confirm your e-mail address first: open the link we sent you. You can have it sent again from the notice at the top of the page or from your account settings.",
    two_factor_required:
      "Your account's role requires two-factor sign-in. Turn it on under Account settings → Two-factor sign-in (/account), then try again.",
    seat_unavailable: "Some of these seats were just taken.",
    invalid_seat: "These seats cannot be used here.",
    invalid_seat_map: "The seat map cannot be drawn as it is.",
    seat_map_in_use: "A session already sells this map's seats, so it can no longer change.",
    unknown: "Something went wrong. Please try again.",
  },
} as const;

const ru: Catalogue<typeof en> = {
  nav: {
    catalog: "Каталог",
    bookings: "Мои брони",
    waitlist: "Лист ожидания",
    requests: "Мои заявки",
    notifications: "Уведомления",
    organizer: "Организатору",
    admin: "Модерация",
    login: "Войти",
    signup: "Регистрация",
    logout: "Выйти",
    language: "Язык",
    account: "Настройки аккаунта",
  },
  common: {
    loading: "Загрузка…",
    retry: "Повторить",
    notFound: "Такой страницы нет.",
    error: "Что-то пошло не так.",
    back: "Вернуться в каталог",
  },
  error: {
    sold_out: "Мест не осталось.",
    hold_expired: "Бронь истекла, места освобождены.",
    booking_not_payable: "Эту бронь уже нельзя оплатить.",
    awaiting_approval: "Организатор ещё не одобрил вашу заявку: оплатите бронь после одобрения или отзовите заявку.",
    payment_failed: "Оплата не прошла.",
    rate_limited: "Слишком много попыток. Подождите минуту.",
    login_locked: "Слишком много неудачных входов. Аккаунт временно заблокирован.",
    invalid_credentials: "Неверный e-mail или пароль.",
    email_taken: "Аккаунт с таким e-mail уже есть.",
    csrf_failed: "Сессия изменилась. Обновите страницу и попробуйте снова.",
    not_authenticated: "Пожалуйста, войдите.",
    validation_error: "Проверьте форму.",
    payment_gateway_unavailable: "Платёжный сервис сейчас недоступен.",
    email_not_verified:
      "Сначала подтвердите адрес эл. почты: откройте ссылку из нашего письма. Отправить её ещё раз можно из уведомления вверху страницы или в настройках аккаунта.",
    two_factor_required:
      "Для роли вашего аккаунта нужен двухфакторный вход. Включите его: Настройки аккаунта → Двухфакторный вход (/account), затем попробуйте снова.",
    seat_unavailable: "Некоторые из этих мест только что заняли.",
    invalid_seat: "Эти места здесь использовать нельзя.",
    invalid_seat_map: "Схему зала в таком виде нарисовать нельзя.",
    seat_map_in_use: "Места этой схемы уже продаёт сеанс, поэтому её нельзя изменить.",
    unknown: "Что-то пошло не так. Попробуйте ещё раз.",
  },
};

export const common = { en, ru };
